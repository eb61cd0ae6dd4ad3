import { buttonClasses } from "@/components/ui/button";

/** "Book for a patient": a button that opens the front-desk booking (a GET form, so it works without JavaScript). */
export function BookForPatientButton({ href }: { href: string }) {
  return (
    <form method="get" action={href} className="mb-4">
      <button type="submit" className={buttonClasses("primary", "min-h-11")}>
        Book for a patient
      </button>
    </form>
  );
}
