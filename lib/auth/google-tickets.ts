import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/env";
import { isValidTimeZone } from "@/lib/scheduling";
import type { GoogleIntent, PendingGoogleLink } from "./google";

// What a Google sign-in carries across the round trip to Google and back, in
// short-lived httpOnly cookies encrypted and authenticated with AUTH_SECRET
// (Auth.js's own JWE, each kind under its own salt so one cannot pass for the
// other): nothing a visitor could forge, nothing stored server-side.

const TEN_MINUTES = 600;

interface Ticket<T> {
  cookie: string;
  schema: z.ZodType<T>;
}

/** Chosen before leaving for Google: the role a new account gets, its time zone, "Keep me signed in". */
export const intentTicket: Ticket<GoogleIntent & { remembered: boolean; next?: string }> = {
  cookie: "careslot.google-intent",
  schema: z.object({
    role: z.enum(["patient", "doctor"]),
    timeZone: z.string().refine(isValidTimeZone),
    remembered: z.boolean(),
    next: z.string().optional(),
  }),
};

/** Google named an existing account's email: the link page asks for that account's password. */
export const pendingLinkTicket: Ticket<PendingGoogleLink & { remembered: boolean; next?: string }> = {
  cookie: "careslot.google-link",
  schema: z.object({ userId: z.uuid(), subject: z.string().min(1), email: z.string(), remembered: z.boolean(), next: z.string().optional() }),
};

export async function writeTicket<T extends object>(ticket: Ticket<T>, value: T): Promise<void> {
  const config = env();
  const token = await encode({ token: { value }, secret: config.AUTH_SECRET, salt: ticket.cookie, maxAge: TEN_MINUTES });
  (await cookies()).set(ticket.cookie, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.APP_URL.startsWith("https://"),
    maxAge: TEN_MINUTES,
  });
}

/** The ticket's value; null when missing, expired or tampered with. */
export async function readTicket<T>(ticket: Ticket<T>): Promise<T | null> {
  const token = (await cookies()).get(ticket.cookie)?.value;
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: env().AUTH_SECRET, salt: ticket.cookie });
    const parsed = ticket.schema.safeParse(payload?.value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function clearTicket(ticket: Ticket<unknown>): Promise<void> {
  try {
    (await cookies()).delete(ticket.cookie);
  } catch {
    // Rendering a page: cookies cannot be written there (the ticket then simply expires).
  }
}
