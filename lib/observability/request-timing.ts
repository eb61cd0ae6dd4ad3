import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { appMetrics, routeLabel } from "./metrics";

// Request latency for every request the server answers, pages, actions, API and static
// files alike. Node's http module publishes each request's start and its response's finish
// on these diagnostics channels; subscribing here (from instrumentation.ts) needs no change
// to Next.js's server. Once per process.
const holder = globalThis as unknown as { __careslotRequestTiming?: boolean };

export function observeRequestLatency(): void {
  if (holder.__careslotRequestTiming) return;
  holder.__careslotRequestTiming = true;
  const started = new WeakMap<ServerResponse, bigint>();
  diagnostics.subscribe("http.server.request.start", (message) => {
    started.set((message as { response: ServerResponse }).response, process.hrtime.bigint());
  });
  diagnostics.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = started.get(response);
    if (start === undefined) return;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    appMetrics().requestDuration.observe({ method: request.method ?? "GET", route: routeLabel(request.url), status: String(response.statusCode) }, seconds);
  });
}
