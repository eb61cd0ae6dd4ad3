"use client";

import { useState, type MouseEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { askBrowserPosition } from "@/components/search/browser-position";

/**
 * "Use my current location": refines the form's latitude and longitude from the
 * browser's position (asked only when pressed; no map, no geocoding service).
 * Shown only with JavaScript, which it needs.
 */
export function CurrentLocationButton() {
  const hydrated = useHydrated();
  const [status, setStatus] = useState("");
  if (!hydrated) return null;

  function locate(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    askBrowserPosition({
      unsupported: () => setStatus("This browser cannot share its location: the city's coordinates stay."),
      asking: () => setStatus("Asking your browser for your location…"),
      found: (point) => {
        for (const [name, value] of [
          ["latitude", point.lat],
          ["longitude", point.lng],
        ]) {
          const input = form?.elements.namedItem(name!);
          if (input instanceof HTMLInputElement) input.value = value!;
        }
        setStatus("Latitude and longitude set from your current location. Save to keep them.");
      },
      refused: () => setStatus("Your location was not shared: the city's coordinates stay."),
    });
  }

  return (
    <div className="flex flex-col gap-1 sm:col-span-2">
      <button
        type="button"
        onClick={locate}
        className="min-h-11 self-start rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:border-brand-700"
      >
        Use my current location
      </button>
      <p role="status" className="text-sm text-slate-600 empty:hidden">
        {status}
      </p>
    </div>
  );
}
