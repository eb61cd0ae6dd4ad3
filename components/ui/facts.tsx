import type { ReactNode } from "react";

/** A label/value list (a <dl>): labels in a narrow column, values beside them. */
export function Facts({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <dl className={`grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm ${className}`}>{children}</dl>;
}

/** One label and its value in a Facts list. */
export function Fact({ label, children, className }: { label: ReactNode; children: ReactNode; className?: string }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}
