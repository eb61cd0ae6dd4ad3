import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** The look every text input, select and textarea shares; red when invalid. */
export function controlClasses(invalid = false): string {
  return `rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 ${invalid ? "border-red-600" : "border-slate-300"}`;
}

/** The hint and error paragraphs under a control, with the ids its aria-describedby names. */
export function FieldMessages({ controlId, hint, errors }: { controlId: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${controlId}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${controlId}-error`} className="text-sm font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function describedBy(controlId: string, hint: unknown, errors?: string[]): string | undefined {
  return [hint ? `${controlId}-hint` : null, errors?.length ? `${controlId}-error` : null].filter(Boolean).join(" ") || undefined;
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
}

/** The label over a control, with the required mark. */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="text-sm font-medium text-slate-800">
      {label}
      {required ? (
        <span className="text-red-700" aria-hidden="true">
          {" "}
          *
        </span>
      ) : null}
    </label>
  );
}

/** A labelled input whose error is announced and tied to it. */
export function Field({ label, name, errors, hint, id, className = "", ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <FieldLabel htmlFor={inputId} label={label} required={input.required} />
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(inputId, hint, errors)}
        className={controlClasses(invalid)}
        {...input}
      />
      <FieldMessages controlId={inputId} hint={hint} errors={errors} />
    </div>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  /** Either a list of options or <option> children. */
  options?: readonly { value: string; label: string }[];
  hint?: ReactNode;
  errors?: string[];
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled <select>, styled like Field, with its hint and error tied to it. */
export function SelectField({ label, name, options, hint, errors, id, className = "", ref, children, ...select }: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <FieldLabel htmlFor={selectId} label={label} required={select.required} />
      <select
        ref={ref}
        id={selectId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(selectId, hint, errors)}
        className={controlClasses(invalid)}
        {...select}
      >
        {options
          ? options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          : children}
      </select>
      <FieldMessages controlId={selectId} hint={hint} errors={errors} />
    </div>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: string[];
}

/** A labelled <textarea>, styled like Field. */
export function TextAreaField({ label, name, hint, errors, id, className = "", ...area }: TextAreaFieldProps) {
  const areaId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <FieldLabel htmlFor={areaId} label={label} required={area.required} />
      <textarea
        id={areaId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(areaId, hint, errors)}
        className={controlClasses(invalid)}
        {...area}
      />
      <FieldMessages controlId={areaId} hint={hint} errors={errors} />
    </div>
  );
}
