"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Stripe's confirmation reaches us by webhook, usually seconds after the
 * patient returns: re-render every few seconds for a while so the page moves
 * from "waiting" to "confirmed" by itself. Without JavaScript the page still
 * tells the truth; the patient reloads.
 */
export function PaymentStatusRefresher({ everyMs = 3000, forMs = 120_000 }: { everyMs?: number; forMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, forMs]);
  return null;
}
