import { TextAreaField } from "@/components/ui/field";

/** What a refused cancellation sends back: the reason typed, and what was wrong with it. */
type FailedCancellation = { values?: { reason?: string }; fieldErrors?: { reason?: string[] } } | null | undefined;

/** The reason every cancellation asks for (3–500 characters, as the server checks), kept when the form comes back refused. */
export function CancelReasonField({ id, label, rows = 2, failed }: { id: string; label: string; rows?: number; failed: FailedCancellation }) {
  return (
    <TextAreaField
      id={id}
      name="reason"
      label={label}
      rows={rows}
      required
      minLength={3}
      maxLength={500}
      defaultValue={failed?.values?.reason}
      errors={failed?.fieldErrors?.reason}
    />
  );
}
