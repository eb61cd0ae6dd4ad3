// Without JavaScript a streamed page never swaps its skeleton for the content
// (React sends the content later, hidden, at the end of <body>, for a script to
// move in; vercel/next.js#50150). These rules, read only when scripting is off,
// hide the skeleton and show that content where it arrived: before the footer.
// Tailwind's base layer hides [hidden] with !important; an important rule in an
// earlier layer (theme) is the one that beats it.
const NO_SCRIPT_RESCUE =
  "@layer theme{[data-skeleton]{display:none!important}body>main{flex:none!important}body>div[hidden][id^='S:']{display:block!important;order:1!important;width:100%!important;max-width:72rem!important;margin:0 auto!important;padding:0 1rem 1.5rem!important}body>footer{order:2!important;margin-top:auto!important}}";

/** What a long page shows while its data loads (loading.tsx): its shape in grey, announced once. */
export function PageSkeleton({ label = "Loading…", rows = 6 }: { label?: string; rows?: number }) {
  return (
    <>
      <noscript>
        <style>{NO_SCRIPT_RESCUE}</style>
      </noscript>
      <div role="status" className="animate-pulse" data-skeleton="">
        <span className="sr-only">{label}</span>
        <div aria-hidden="true" className="flex flex-col gap-6">
          <div className="h-8 w-64 max-w-full rounded bg-slate-200" />
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="mb-4 h-5 w-40 rounded bg-slate-200" />
            <div className="flex flex-col gap-3">
              {Array.from({ length: rows }, (_, index) => (
                <div key={index} className="h-10 rounded bg-slate-100" />
              ))}
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
