import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { SetupStep } from "@/lib/profiles/setup-checklist";

/** The doctor's remaining set-up steps, each a link to where it is done; not shown once all are done. */
export function SetupChecklistCard({ steps }: { steps: SetupStep[] }) {
  const done = steps.filter((step) => step.done).length;
  if (done === steps.length) return null;
  return (
    <Card title="Finish setting up" className="mb-6">
      <p className="mb-3 text-sm text-slate-700">
        {done} of {steps.length} done. A complete profile can be verified, and patients can then find and book you.
      </p>
      <ol aria-label="Set-up steps" className="flex flex-col gap-2">
        {steps.map((step) => (
          <li key={step.label} className="flex items-start gap-2 text-sm">
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${step.done ? "bg-emerald-700 text-white" : "border border-slate-400 text-slate-500"}`}
            >
              {step.done ? "✓" : ""}
            </span>
            {step.done ? (
              <span className="text-slate-700">
                {step.label} <span className="sr-only">(done)</span>
              </span>
            ) : (
              <Link href={step.href} className="font-medium text-brand-700 underline underline-offset-2">
                {step.label} <span className="sr-only">(to do)</span>
              </Link>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
