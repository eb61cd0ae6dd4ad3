import "server-only";
import { absoluteUrl, env } from "@/lib/env";
import { twilioConfig, twilioSignatureValid } from "./twilio";

/**
 * A Twilio webhook's form fields, when its X-Twilio-Signature checks out
 * against the URL Twilio was given (APP_URL + `path`); null otherwise, and
 * always null where Twilio is not configured (there is no token to check with).
 */
export async function verifiedTwilioForm(request: Request, path: string): Promise<Record<string, string> | null> {
  const config = twilioConfig(env());
  if (!config) return null;
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  const params = Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]));
  const url = absoluteUrl(path) + new URL(request.url).search;
  return twilioSignatureValid(config, { signature: request.headers.get("x-twilio-signature"), url, params }) ? params : null;
}

export const twiml = (status = 200) =>
  new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { status, headers: { "Content-Type": "text/xml" } });
