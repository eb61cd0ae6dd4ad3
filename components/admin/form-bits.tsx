import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { Notice } from "@/components/ui/notice";

const control = "rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** A labelled select; errors are tied to it like Field's. */
export function SelectField({ label, name, id, errors, children, className = "", ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; errors?: string[]; children: ReactNode }) {
  const selectId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={selectId} name={name} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${selectId}-error` : undefined} className={`${control} ${invalid ? "border-red-600" : "border-slate-300"}`} {...select}>
        {children}
      </select>
      {invalid ? (
        <p id={`${selectId}-error`} className="text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function TextAreaField({ label, name, id, errors, hint, className = "", ...area }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; errors?: string[]; hint?: string }) {
  const areaId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${areaId}-hint` : null, invalid ? `${areaId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={areaId} className="text-sm font-medium text-slate-800">
        {label}
        {area.required ? <span className="text-red-700" aria-hidden="true"> *</span> : null}
      </label>
      <textarea id={areaId} name={name} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={`${control} ${invalid ? "border-red-600" : "border-slate-300"}`} {...area} />
      {hint ? (
        <p id={`${areaId}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${areaId}-error`} className="text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** What the last submission did: success or the refusal, announced. */
export function ResultNotice({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** Problems with a page's query string: shown, then ignored. */
export function FilterProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <Notice tone="warning" className="mb-4">
      Some filters were ignored: {problems.join(" ")}
    </Notice>
  );
}

export const filterControl = `${control} border-slate-300`;
