import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { decodePending, type PendingConfirmation } from "./pending";

// The confirmation asked for without JavaScript waits in an httpOnly cookie
// for ten minutes, read only by /confirm: what was typed (a cancellation's
// reason) never travels in a URL.

const COOKIE = "careslot-confirm";
const MAX_AGE_SECONDS = 10 * 60;

export async function keepPendingConfirmation(encoded: string): Promise<void> {
  (await cookies()).set(COOKIE, encoded, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https:"),
    path: "/confirm",
    maxAge: MAX_AGE_SECONDS,
  });
}

export async function readPendingConfirmation(): Promise<PendingConfirmation | null> {
  return decodePending((await cookies()).get(COOKIE)?.value);
}
