"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Sends the browser's time zone with the search, so "today" and the shown
 * times are the visitor's own. Before JavaScript (or for a shared link) the
 * value from the URL is kept; signed-in patients use their profile's zone.
 */
export function BrowserZoneField({ initial }: { initial: string }) {
  const zone = useSyncExternalStore(noSubscription, browserTimeZone, () => initial);
  return <input type="hidden" name="tz" value={zone || initial} />;
}
