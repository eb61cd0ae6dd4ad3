import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { Fact, Facts } from "@/components/ui/facts";
import { requireRole } from "@/lib/auth/guards";
import { readPendingConfirmation } from "@/lib/confirm/cookie";
import { CONFIRM_FIELD, echoedValues } from "@/lib/confirm/pending";

export const metadata: Metadata = { title: "Confirm" };

/**
 * The no-JavaScript confirmation (lib/confirm/pending.ts): the dialog's
 * question as a page. Its button posts the form, exactly as it was filled in,
 * back to the page it came from, where the server action runs and answers as
 * it would have at once.
 */
export default async function ConfirmPage() {
  await requireRole("patient", "doctor", "admin");
  const pending = await readPendingConfirmation();
  if (!pending) {
    return (
      <>
        <PageHeading title="Nothing to confirm" />
        <p className="text-slate-700">This confirmation has expired or was already used. Nothing was changed.</p>
        <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
          Go to the home page
        </Link>
      </>
    );
  }
  const echoed = echoedValues(pending);
  return (
    <>
      <PageHeading title={pending.title} subtitle="Nothing has changed yet." />
      <Card className="max-w-2xl">
        {pending.description ? <p className="text-slate-700">{pending.description}</p> : null}
        {echoed.length > 0 ? (
          <div className="mt-4">
            <Facts>
              {echoed.map((item) => (
                <Fact key={item.label} label={item.label}>
                  <span className="whitespace-pre-wrap">{item.value}</span>
                </Fact>
              ))}
            </Facts>
          </div>
        ) : null}
        <form method="post" action={pending.back} encType="multipart/form-data" className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          {pending.fields
            .filter(([name]) => name !== CONFIRM_FIELD)
            .map(([name, value], index) => (
              <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
            ))}
          <Link href={pending.back} className={buttonClasses("secondary")}>
            Go back
          </Link>
          <button type="submit" className={buttonClasses("danger")}>
            {pending.label}
          </button>
        </form>
      </Card>
    </>
  );
}
