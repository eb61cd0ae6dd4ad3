"use client";

import { useState } from "react";
import { askBrowserPosition } from "./browser-position";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100";

/**
 * "Near": anywhere, the patient's saved location (no JavaScript needed), or
 * the browser's current position, asked for only when chosen. The position
 * travels as lat/lng in the URL like every other filter, so the search can be
 * shared and reloaded; nothing is sent anywhere else.
 */
export function LocationField({ initial, canUseSaved }: { initial: { near: string; lat: string; lng: string }; canUseSaved: boolean }) {
  const [near, setNear] = useState(initial.near);
  const [point, setPoint] = useState({ lat: initial.lat, lng: initial.lng });
  const [status, setStatus] = useState("");

  function choose(value: string) {
    setNear(value);
    if (value !== "here") return;
    askBrowserPosition({
      unsupported: () => setStatus("This browser cannot share its location. Choose your saved location instead."),
      asking: () => setStatus("Asking your browser for your location…"),
      found: (found) => {
        setPoint(found);
        setStatus("Location found. Search to see doctors near you.");
      },
      refused: () => setStatus("Your location was not shared. Allow location access, or choose another option."),
    });
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="search-near" className="text-sm font-medium text-slate-800">
        Near
      </label>
      <select
        id="search-near"
        name="near"
        value={near}
        onChange={(event) => choose(event.target.value)}
        aria-describedby="search-near-status"
        className={selectClass}
      >
        <option value="">Anywhere</option>
        {canUseSaved ? <option value="saved">My saved location</option> : null}
        <option value="here">My current location</option>
      </select>
      {near === "here" && point.lat && point.lng ? (
        <>
          <input type="hidden" name="lat" value={point.lat} />
          <input type="hidden" name="lng" value={point.lng} />
        </>
      ) : null}
      <p id="search-near-status" aria-live="polite" className="text-xs text-slate-600">
        {status}
      </p>
    </div>
  );
}
