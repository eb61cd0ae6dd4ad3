"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { CalendarBoard } from "./calendar-board";

/**
 * The calendar's own query cache. It lives here rather than in the root layout
 * because no other page needs one yet; one client per mounted calendar, kept
 * in state so re-renders do not throw the cache away.
 */
export function CalendarView({ timeZone, initialDate, initialQuietDays }: { timeZone: string; initialDate?: string; initialQuietDays?: number[] }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true } } }));
  return (
    <QueryClientProvider client={client}>
      <CalendarBoard timeZone={timeZone} initialDate={initialDate} initialQuietDays={initialQuietDays} />
    </QueryClientProvider>
  );
}
