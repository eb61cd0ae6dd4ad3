import type { Ref, SelectHTMLAttributes } from "react";

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  errors?: string[];
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled <select>, styled like Field, with its hint and error tied to it. */
export function SelectField({ label, name, options, hint, errors, id, className = "", ref, ...select }: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${selectId}-hint` : null, invalid ? `${selectId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 ${invalid ? "border-red-600" : "border-slate-300"}`}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${selectId}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${selectId}-error`} className="text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
