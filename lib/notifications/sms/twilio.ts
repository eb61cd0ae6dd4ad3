import "server-only";
import twilio from "twilio";
import type { Env } from "@/lib/env-schema";

type RequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0];

// The only place that imports twilio. Twilio's documented way to change how
// the SDK talks HTTP is a custom httpClient (a RequestClient): with
// TWILIO_API_BASE set (tests, a local stand-in), this one sends each request
// to that origin instead of *.twilio.com, and everything else — the form
// encoding, the auth, the answers' parsing — stays the real SDK's.

class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const base = new URL(this.base);
    target.protocol = base.protocol;
    target.host = base.host;
    // The API's host names it ("api", "messaging"): kept as the first path segment so a fake can tell them apart.
    target.pathname = `/${new URL(opts.uri).hostname.split(".")[0]}${target.pathname}`;
    return super.request<TData>({ ...opts, uri: target.toString() });
  }
}

export type TwilioConfig = { accountSid: string; authToken: string; from?: string; messagingServiceSid?: string; apiBase?: string };

/** Twilio's settings, or null where SMS go to the dev mailbox. */
export function twilioConfig(config: Env): TwilioConfig | null {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return null;
  return {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    from: config.TWILIO_FROM,
    messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
    apiBase: config.TWILIO_API_BASE,
  };
}

export function twilioClient(config: TwilioConfig) {
  return twilio(config.accountSid, config.authToken, config.apiBase ? { httpClient: new RebasedRequestClient(config.apiBase) } : undefined);
}

/**
 * Whether a webhook really came from Twilio: the X-Twilio-Signature over the
 * URL Twilio called (APP_URL's, not the Host header's) and the form fields.
 */
export function twilioSignatureValid(config: TwilioConfig, input: { signature: string | null; url: string; params: Record<string, string> }): boolean {
  if (!input.signature) return false;
  return twilio.validateRequest(config.authToken, input.signature, input.url, input.params);
}
