// A local stand-in for api.stripe.com, for tests only: the real Stripe SDK is
// pointed at it (host/port/protocol), and it records every request so a test
// can assert what would have reached Stripe. It knows the few endpoints
// Careslot calls, replays responses by Idempotency-Key the way Stripe does,
// and can be told to fail. Used by vitest and by the Playwright payment spec.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The form-encoded body, flat: `line_items[0][price_data][unit_amount]` → "6000". */
  form: Record<string, string>;
}

type Json = Record<string, unknown>;

export interface FakeStripe {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose method matches and whose path starts with `prefix`. */
  requestsTo(method: string, prefix: string): RecordedRequest[];
  /** The next `times` requests to paths starting with `prefix` answer `status` (a 500 is an outage). */
  failNext(prefix: string, times?: number, status?: number): void;
  /** Runs `hook` while the next request to a path starting with `prefix` waits for its answer (the caller is mid-call). */
  beforeAnswer(prefix: string, hook: (request: RecordedRequest) => Promise<void>): void;
  session(id: string): Json | undefined;
  /** The status new refunds are answered with ("succeeded" unless told; "pending" leaves the outcome to a webhook). */
  answerRefundsWith(status: "succeeded" | "pending" | "failed"): void;
  close(): Promise<void>;
}

const nested = (form: Record<string, string>, prefix: string) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith(`${prefix}[`))
      .map(([key, value]) => [key.slice(prefix.length + 1, -1), value]),
  );

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Json>();
  const replays = new Map<string, { status: number; body: Json }>();
  const failures: { prefix: string; times: number; status: number }[] = [];
  const hooks: { prefix: string; hook: (request: RecordedRequest) => Promise<void> }[] = [];
  let counter = 0;
  let base = "";
  let refundStatus = "succeeded";

  function answer(request: RecordedRequest): { status: number; body: Json } {
    const { method, path, form } = request;
    const failure = failures.find((f) => f.times > 0 && path.startsWith(f.prefix));
    if (failure) {
      failure.times--;
      return { status: failure.status, body: { error: { type: "api_error", message: "fake outage" } } };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const id = `cs_test_${++counter}_${randomUUID().slice(0, 8)}`;
      const session = {
        id,
        object: "checkout.session",
        status: "open",
        payment_status: "unpaid",
        url: `${base}/pay/${id}`,
        metadata: nested(form, "metadata"),
        client_reference_id: form.client_reference_id ?? null,
        amount_total: Number(form["line_items[0][price_data][unit_amount]"] ?? 0),
        currency: form["line_items[0][price_data][currency]"] ?? "eur",
        expires_at: Number(form.expires_at ?? 0),
        payment_intent: null,
      };
      sessions.set(id, session);
      return { status: 200, body: session };
    }
    const sessionMatch = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/);
    if (sessionMatch) {
      const session = sessions.get(sessionMatch[1]);
      if (!session) return { status: 404, body: { error: { type: "invalid_request_error", message: "No such checkout.session" } } };
      if (sessionMatch[2] && method === "POST") {
        if (session.status !== "open") return { status: 400, body: { error: { type: "invalid_request_error", message: `Session is ${session.status}` } } };
        session.status = "expired";
      }
      return { status: 200, body: session };
    }
    if (method === "POST" && path === "/v1/refunds") {
      return {
        status: 200,
        body: {
          id: `re_test_${++counter}_${randomUUID().slice(0, 8)}`,
          object: "refund",
          status: refundStatus,
          amount: Number(form.amount),
          payment_intent: form.payment_intent,
          metadata: nested(form, "metadata"),
        },
      };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `fake Stripe does not know ${method} ${path}` } } };
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path.startsWith("/pay/")) {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(`<!doctype html><html lang="en"><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1><p>${path.slice(5)}</p></html>`);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]));
      const form = Object.fromEntries(new URLSearchParams(raw));
      const recorded: RecordedRequest = { method: req.method ?? "GET", path, headers, form };
      requests.push(recorded);
      const waiting = hooks.findIndex((h) => path.startsWith(h.prefix));
      if (waiting >= 0) await hooks.splice(waiting, 1)[0].hook(recorded);
      const key = headers["idempotency-key"];
      const replay = key ? replays.get(`${recorded.method} ${path} ${key}`) : undefined;
      const result = replay ?? answer(recorded);
      if (key && !replay && result.status < 500) replays.set(`${recorded.method} ${path} ${key}`, result);
      res.statusCode = result.status;
      res.setHeader("content-type", "application/json");
      res.setHeader("request-id", `req_${randomUUID()}`);
      res.end(JSON.stringify(result.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    requestsTo: (method, prefix) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)),
    failNext: (prefix, times = 1, status = 500) => void failures.push({ prefix, times, status }),
    beforeAnswer: (prefix, hook) => void hooks.push({ prefix, hook }),
    session: (id) => sessions.get(id),
    answerRefundsWith: (status) => void (refundStatus = status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real Stripe SDK client aimed at the fake; no automatic retries, so request counts are exact. */
export function fakeStripeClient(fake: FakeStripe): Stripe {
  const url = new URL(fake.url);
  return new Stripe("sk_test_fake", { host: url.hostname, port: url.port, protocol: "http", maxNetworkRetries: 0, timeout: 5_000 });
}

export const TEST_WEBHOOK_SECRET = "whsec_careslot_test";

/** An event as Stripe would send it, and the Stripe-Signature header the SDK's test helper makes for it (signed at `timestamp`, Unix seconds, by default now). */
export function signedStripeEvent(type: string, object: Json, options: { id?: string; secret?: string; timestamp?: number } = {}) {
  const event = {
    id: options.id ?? `evt_test_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
  const payload = JSON.stringify(event);
  const signer = new Stripe("sk_test_fake");
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp });
  return { event, payload, header };
}
