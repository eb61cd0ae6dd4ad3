/** The ten recovery codes, shown once, right after set-up. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id="recovery-codes-heading" className="text-base font-semibold text-slate-900">
        Your recovery codes
      </h3>
      <p className="mt-1 text-sm text-slate-800">
        Each code signs you in once if you lose your authenticator app. Save them now (print them or keep them in a password manager): they are shown only this
        once.
      </p>
      <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-1 gap-2 font-mono text-base tracking-wider text-slate-900 min-[400px]:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="rounded border border-amber-200 bg-white px-3 py-1.5 text-center">
            {code}
          </li>
        ))}
      </ul>
    </section>
  );
}
