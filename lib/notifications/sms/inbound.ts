import "server-only";
import type { Db } from "@/db/client";
import { startNumber, stopNumber } from "@/db/queries/notifications";
import { normaliseMobile } from "./phone";

// Twilio's standard opt-out keywords (Advanced Opt-Out off or on, these are
// the defaults): Twilio itself stops delivering to a number that sent one,
// and answers it; we record it too, so nothing is even attempted (and the
// log says "suppressed") until the number opts back in.
const STOP = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const START = new Set(["START", "YES", "UNSTOP"]);

export type InboundOutcome = "opted-out" | "opted-in" | "ignored";

/** An inbound text (signature already checked): STOP opts the number out of every text, START opts it back in. */
export async function handleInboundSms(db: Db, params: Record<string, string>): Promise<InboundOutcome> {
  const from = normaliseMobile(params.From ?? "");
  if (!from.ok) return "ignored";
  const keyword = (params.Body ?? "").trim().toUpperCase();
  if (STOP.has(keyword)) {
    await stopNumber(db, from.phone);
    return "opted-out";
  }
  if (START.has(keyword)) {
    await startNumber(db, from.phone);
    return "opted-in";
  }
  return "ignored";
}
