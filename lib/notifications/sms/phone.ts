import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import type { Db } from "@/db/client";
import { countPhoneCodeAttempt, deletePhoneVerification, getPhoneVerification, upsertPhoneVerification, setMobilePhone } from "@/db/queries/notifications";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enforceRateLimit, perUserLimits, retryAfterText } from "@/lib/security/rate-limits";
import { sendSms } from "./sender";

// A patient's mobile number, confirmed by a 6-digit code sent to it by SMS.
// Only an HMAC of the code is stored (keyed from AUTH_SECRET, bound to the
// user and the number); a code lasts 10 minutes and allows 5 tries; a new
// code can be asked for once a minute and 5 times an hour.

export const PHONE_CODE = { ttlMinutes: 10, maxAttempts: 5, resendSeconds: 60 } as const;

/** The number in E.164, or a message saying why it is not a mobile number we can text. */
export function normaliseMobile(input: string, country?: string | null): { ok: true; phone: string } | { ok: false; message: string } {
  const parsed = parsePhoneNumberFromString(input.trim(), (country?.toUpperCase() as CountryCode | undefined) ?? undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, message: "Enter a valid mobile number, with its country code (such as +49 151 23456789)." };
  const type = parsed.getType();
  if (type && type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") return { ok: false, message: "That is not a mobile number: text messages need a mobile." };
  return { ok: true, phone: parsed.number };
}

function codeHash(userId: string, phone: string, code: string): string {
  const key = createHmac("sha256", env().AUTH_SECRET).update("careslot/phone-code/v1").digest();
  return createHmac("sha256", key).update(`${userId}:${phone}:${code}`).digest("hex");
}

/** Sends a new code to `phone` (already E.164) and forgets any earlier one. */
export async function startPhoneVerification(db: Db, input: { userId: string; phone: string }, now: Date): Promise<void> {
  const pending = await getPhoneVerification(db, input.userId);
  const waited = pending ? (now.getTime() - pending.lastSentAt.getTime()) / 1000 : Infinity;
  if (waited < PHONE_CODE.resendSeconds) {
    const seconds = Math.ceil(PHONE_CODE.resendSeconds - waited);
    throw new AppError("rate_limited", `A code was just sent. You can ask for a new one in ${retryAfterText(seconds)}.`);
  }
  await enforceRateLimit(db, perUserLimits.phoneCodes, input.userId);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await upsertPhoneVerification(db, {
    userId: input.userId,
    phone: input.phone,
    codeHash: codeHash(input.userId, input.phone, code),
    expiresAt: new Date(now.getTime() + PHONE_CODE.ttlMinutes * 60_000),
    lastSentAt: now,
  });
  const sent = await sendSms(db, {
    to: input.phone,
    userId: input.userId,
    template: "sms-phone-code",
    body: `Your Careslot code is ${code}. It expires in ${PHONE_CODE.ttlMinutes} minutes. If you did not ask for it, ignore this message.`,
  });
  if (sent.status === "failed") throw new AppError("unavailable", "We could not send a text message to that number. Check it and try again.");
  if (sent.status === "suppressed")
    throw new AppError("conflict", "That number asked not to receive our text messages (STOP). Text START to it from your phone first.");
}

/**
 * Checks a code: the right one confirms the number; each wrong one uses a try.
 * The try is counted first, in its own statement (a refusal rolls nothing
 * back), and the count it returns decides, so parallel guesses get no extra tries.
 */
export async function confirmPhoneVerification(db: Db, input: { userId: string; code: string }, now: Date): Promise<{ phone: string }> {
  const wrong = (message: string) => new AppError("invalid_input", message, { code: [message] });
  const pending = await getPhoneVerification(db, input.userId);
  if (!pending) throw wrong("Ask for a code first.");
  if (pending.expiresAt <= now) throw wrong("That code has expired. Ask for a new one.");
  const counted = await countPhoneCodeAttempt(db, input.userId);
  if (!counted || counted.attempts > PHONE_CODE.maxAttempts) throw wrong("Too many wrong codes. Ask for a new one.");
  const expected = Buffer.from(counted.codeHash);
  const given = Buffer.from(codeHash(input.userId, counted.phone, input.code.trim()));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const left = PHONE_CODE.maxAttempts - counted.attempts;
    throw wrong(left > 0 ? `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.` : "Too many wrong codes. Ask for a new one.");
  }
  await db.transaction(async (tx) => {
    await setMobilePhone(tx, input.userId, counted.phone, now);
    await deletePhoneVerification(tx, input.userId);
  });
  return { phone: counted.phone };
}

export async function removeMobilePhone(db: Db, userId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await setMobilePhone(tx, userId, null, now);
    await deletePhoneVerification(tx, userId);
  });
}
