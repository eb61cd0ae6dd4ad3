import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/env";
import { bookSchema } from "./schemas";

// The reason a visitor typed before signing in. It is health information, so it
// never travels in a URL (the return path, the verification email): it waits in
// an httpOnly cookie for an hour, and is removed once the booking is made. Its
// path is "/", not "/doctors": the doctor page after sign-in is rendered in the
// answer to the sign-in form's post to /login.

export const REASON_DRAFT_COOKIE = "careslot-booking-reason";
const MAX_AGE_SECONDS = 60 * 60;

const draftSchema = bookSchema.pick({ doctorId: true, reason: true });
export type ReasonDraft = z.output<typeof draftSchema>;

/** The reason kept for this doctor, if the cookie holds one (anything malformed reads as none). */
export function draftReasonFor(raw: string | undefined, doctorId: string): string | undefined {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const draft = draftSchema.safeParse(parsed);
  return draft.success && draft.data.doctorId === doctorId && draft.data.reason ? draft.data.reason : undefined;
}

export async function keepReasonDraft(draft: ReasonDraft): Promise<void> {
  (await cookies()).set(REASON_DRAFT_COOKIE, JSON.stringify(draft), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https:"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}

export async function readReasonDraft(doctorId: string): Promise<string | undefined> {
  return draftReasonFor((await cookies()).get(REASON_DRAFT_COOKIE)?.value, doctorId);
}

export async function forgetReasonDraft(): Promise<void> {
  (await cookies()).delete({ name: REASON_DRAFT_COOKIE, path: "/" });
}
