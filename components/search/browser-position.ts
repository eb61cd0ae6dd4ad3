// The browser's position for a "near" search, asked for only when the user
// chooses it, rounded to about 10 m: the one way both search forms ask.

export interface BrowserPoint {
  lat: string;
  lng: string;
}

/** Asks for the position; tells which of the outcomes happened. */
export function askBrowserPosition(on: { unsupported: () => void; asking: () => void; found: (point: BrowserPoint) => void; refused: () => void }): void {
  if (!("geolocation" in navigator)) {
    on.unsupported();
    return;
  }
  on.asking();
  navigator.geolocation.getCurrentPosition(
    (position) => on.found({ lat: position.coords.latitude.toFixed(4), lng: position.coords.longitude.toFixed(4) }),
    () => on.refused(),
    { maximumAge: 600_000, timeout: 10_000 },
  );
}
