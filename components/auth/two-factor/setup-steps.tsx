import { Field } from "@/components/ui/field";

/** Step one of a set-up: the QR code for the authenticator app, and the same key as text for typing in. */
export function SetupSteps({ qrDataUrl, secret }: { qrDataUrl: string; secret: string }) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server: nothing for next/image to optimise */}
      <img
        src={qrDataUrl}
        alt="QR code for your authenticator app"
        width={176}
        height={176}
        className="h-44 w-44 shrink-0 self-center rounded-md border border-slate-200 sm:self-start"
      />
      <div className="min-w-0 text-sm text-slate-700">
        <p>1. Scan the QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator, 1Password or Aegis).</p>
        <p className="mt-2">Can&apos;t scan it? Add an account by hand with this key (time-based, 6 digits):</p>
        <p className="mt-1">
          <span className="sr-only">Setup key: </span>
          <code data-testid="two-factor-secret" className="block rounded bg-slate-100 px-2 py-1 font-mono text-base break-words text-slate-900">
            {secret}
          </code>
        </p>
        <p className="mt-2">2. Enter the 6-digit code the app shows for Careslot.</p>
      </div>
    </div>
  );
}

/** Step two: the code the app shows now, which turns two-factor authentication on (the account page and the forced set-up alike). */
export function SetupCodeField({ errors }: { errors?: string[] }) {
  return (
    <Field
      label="Authentication code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      errors={errors}
      hint="The 6 digits your app shows now."
    />
  );
}
