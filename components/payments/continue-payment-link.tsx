import { buttonClasses } from "@/components/ui/button";

/** A link, not a form: it works without JavaScript, and the site's CSP only lets forms post to itself. */
export function ContinuePaymentLink({ appointmentId }: { appointmentId: string }) {
  return (
    <a href={`/patient/payments/checkout/${appointmentId}`} className={buttonClasses("primary")}>
      Continue to payment
    </a>
  );
}
