"use client";

import { useState, type MouseEvent } from "react";
import { askBrowserPosition, type BrowserPoint } from "./browser-position";

/**
 * "Near me" beside "Where": asks the browser for its position (only when
 * pressed) and searches around it, as the /doctors "Near" filter does. Shown
 * only with JavaScript, which it needs; without it the city field is the way.
 * It is in the server's HTML and hidden by CSS where scripting is off
 * (`noscript:`), so the form does not move when React hydrates (CLS 0).
 */
export function NearMeButton() {
  const [point, setPoint] = useState<BrowserPoint | null>(null);
  const [status, setStatus] = useState("");

  function locate(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    askBrowserPosition({
      unsupported: () => setStatus("This browser cannot share its location: type a city instead."),
      asking: () => setStatus("Asking your browser for your location…"),
      found: (found) => {
        setPoint(found);
        setStatus("Location found: searching near you.");
        // The hidden fields render first, then the form goes.
        requestAnimationFrame(() => form?.requestSubmit());
      },
      refused: () => setStatus("Your location was not shared: type a city instead."),
    });
  }

  return (
    <div className="flex flex-col gap-1 noscript:hidden">
      <button
        type="button"
        onClick={locate}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:border-brand-700"
      >
        Near me
      </button>
      {point ? (
        <>
          <input type="hidden" name="near" value="here" />
          <input type="hidden" name="lat" value={point.lat} />
          <input type="hidden" name="lng" value={point.lng} />
        </>
      ) : null}
      <p aria-live="polite" className="text-xs text-slate-600 empty:hidden">
        {status}
      </p>
    </div>
  );
}
