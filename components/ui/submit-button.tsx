"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "./button";

/** A submit button that says it is working while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
  disabled = false,
  describedBy,
}: {
  children: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  /** Not available yet; `describedBy` names the element that says why. */
  disabled?: boolean;
  describedBy?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      aria-describedby={describedBy}
      className={className}
    >
      {pending ? (pendingLabel ?? children) : children}
    </Button>
  );
}
