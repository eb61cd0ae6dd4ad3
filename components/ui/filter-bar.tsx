import type { InputHTMLAttributes, ReactNode } from "react";
import { buttonClasses } from "./button";
import { controlClasses } from "./field";

/**
 * A list's filters as a plain GET form: they live in the URL, so a filtered
 * view can be bookmarked, shared, paged and exported as is, with or without
 * JavaScript.
 */
export function FilterBar({
  label,
  submitLabel = "Apply filters",
  children,
  actions,
}: {
  label: string;
  submitLabel?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <form method="get" role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3">
      {children}
      <button type="submit" className={buttonClasses("secondary")}>
        {submitLabel}
      </button>
      {actions}
    </form>
  );
}

function FilterLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="text-sm font-medium text-slate-800">
      {children}
    </label>
  );
}

type Options = Readonly<Record<string, string>> | readonly { value: string; label: string }[];

const optionList = (options: Options) => (Array.isArray(options) ? options : Object.entries(options).map(([value, label]) => ({ value, label })));

/** One filter select; `anyLabel` is the empty choice that means "don't filter". */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel?: string;
  options: Options;
}) {
  return (
    <div className="flex flex-col gap-1">
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <select id={id} name={name} defaultValue={value ?? ""} className={controlClasses()}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {optionList(options).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One filter text, search or date input. */
export function FilterInput({
  id,
  name,
  label,
  value,
  ...input
}: { id: string; name: string; label: string; value: string | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "name" | "value" | "defaultValue"
>) {
  return (
    <div className="flex flex-col gap-1">
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <input id={id} name={name} defaultValue={value ?? ""} className={controlClasses()} {...input} />
    </div>
  );
}
