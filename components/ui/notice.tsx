import type { ReactNode, Ref } from "react";

const tones = {
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-900",
} as const;

export type NoticeTone = keyof typeof tones;

/** A message block; errors are announced to screen readers as they appear. */
export function Notice({
  tone = "info",
  children,
  className = "",
  ref,
  focusable = false,
  hidden,
}: {
  tone?: NoticeTone;
  children: ReactNode;
  className?: string;
  ref?: Ref<HTMLDivElement>;
  /** An action's answer takes the focus (components/ui/form-state.tsx), so it can be reached by script only. */
  focusable?: boolean;
  hidden?: boolean;
}) {
  return (
    <div
      ref={ref}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focusable ? -1 : undefined}
      hidden={hidden}
      data-feedback={focusable ? "" : undefined}
      className={`rounded-md border px-4 py-3 text-sm ${tones[tone]} ${focusable ? "scroll-mt-24 scroll-mb-24 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700" : ""} ${className}`}
    >
      {children}
    </div>
  );
}
