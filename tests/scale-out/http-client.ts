// A patient's or visitor's HTTP client for the two-server test and the bench: Auth.js's
// own sign-in and sign-out endpoints, and the booking form posted the way a browser
// without JavaScript posts it (the page's own form, hidden fields included).

/** The Set-Cookie pairs of a response, as "name=value". */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";", 1)[0]!);
}

/** Merges cookie pairs into a Cookie header (a later pair of the same name wins). */
export function cookieHeader(...pairs: (string | undefined)[]): string {
  const jar = new Map<string, string>();
  for (const header of pairs.filter(Boolean) as string[])
    for (const pair of header.split(/;\s*/).filter(Boolean)) jar.set(pair.slice(0, pair.indexOf("=")), pair);
  return [...jar.values()].join("; ");
}

const sessionCookieOf = (cookies: string[]) => cookies.find((cookie) => cookie.startsWith("authjs.session-token="));

async function csrf(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookieHeader(...cookiesOf(response)) };
}

export interface SignInResult {
  /** The session cookie ("authjs.session-token=…"), or null when refused. */
  session: string | null;
  /** Where Auth.js sent the browser (on a refusal: /login?error=…&code=…). */
  location: string;
}

/** Signs in through Auth.js's credentials callback (what the sign-in form's action calls too). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignInResult> {
  const { token, cookie } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken: token, callbackUrl: "/portal", remember: "false" }),
  });
  return { session: sessionCookieOf(cookiesOf(response)) ?? null, location: response.headers.get("location") ?? "" };
}

/** Signs out through Auth.js (its signOut event revokes the session row). */
export async function signOut(baseUrl: string, session: string): Promise<number> {
  const { token, cookie } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: cookieHeader(cookie, session), origin: baseUrl },
    body: new URLSearchParams({ csrfToken: token, callbackUrl: "/" }),
  });
  return response.status;
}

/** Who the session cookie belongs to, as the server at `baseUrl` sees it (null: signed out). */
export async function sessionEmail(baseUrl: string, session: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: session } });
  const body = (await response.json()) as { user?: { email?: string } } | null;
  return body?.user?.email ?? null;
}

export interface BookingForm {
  /** The form's hidden fields (the server action's reference and state), as the page rendered them. */
  hidden: [string, string][];
}

/** The booking form of the doctor page with a time chosen, read from the HTML a patient gets. */
export async function readBookingForm(baseUrl: string, session: string, doctorId: string, startsAt: string): Promise<BookingForm> {
  const date = startsAt.slice(0, 10);
  const response = await fetch(`${baseUrl}/doctors/${doctorId}?${new URLSearchParams({ date, slot: new Date(startsAt).toISOString() })}`, {
    headers: { cookie: session },
  });
  const html = await response.text();
  const form = /<form[^>]*>(?:(?!<\/form>)[\s\S])*?name="reason"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error(`no booking form on the doctor page (${response.status}): is ${startsAt} offered?`);
  const hidden: [string, string][] = [];
  for (const input of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
    if (name && !["doctorId", "startsAt", "reason"].includes(name)) hidden.push([name, decodeHtml(value)]);
  }
  return { hidden };
}

function decodeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export type BookingAnswer = { outcome: "booked"; appointmentId: string } | { outcome: "taken" } | { outcome: "other"; status: number; location: string };

/** Posts the booking form as a browser without JavaScript does; the action answers with a redirect. */
export async function postBooking(
  baseUrl: string,
  session: string,
  form: BookingForm,
  booking: { doctorId: string; startsAt: string; reason?: string },
): Promise<BookingAnswer> {
  const body = new FormData();
  for (const [name, value] of form.hidden) body.append(name, value);
  body.append("doctorId", booking.doctorId);
  body.append("startsAt", booking.startsAt);
  body.append("reason", booking.reason ?? "Check-up");
  const response = await fetch(`${baseUrl}/doctors/${booking.doctorId}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: session, origin: baseUrl },
    body,
  });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  const booked = /\/patient\/appointments\/([0-9a-f-]{36})\/booked$/.exec(location);
  if (booked) return { outcome: "booked", appointmentId: booked[1]! };
  if (location.includes("taken=1")) return { outcome: "taken" };
  return { outcome: "other", status: response.status, location };
}
