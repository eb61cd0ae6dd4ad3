// A local HTTP server standing in for Inngest's event API (POST /e/:key), so
// the real SDK client can be pointed at it (baseUrl) and switched between
// "down" and "up".
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";

export interface FakeInngest {
  url: string;
  /** Event ids Inngest accepted, in order, duplicates included. */
  accepted: string[];
  /** Event ids of every request that reached the server, accepted or not. */
  seen: string[];
  mode: "up" | "error";
  delayMs: number;
  client: Inngest;
  stop: () => Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

export function inngestClientFor(baseUrl: string): Inngest {
  return new Inngest({ id: "careslot-test", baseUrl, eventKey: "test-event-key", isDev: false });
}

export async function startFakeInngest(): Promise<FakeInngest> {
  const fake = { accepted: [] as string[], seen: [] as string[], mode: "up", delayMs: 0 } as FakeInngest;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", async () => {
      const events = (JSON.parse(body || "[]") as { id: string }[]).flat();
      const ids = events.map((event) => event.id);
      fake.seen.push(...ids);
      if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
      response.setHeader("content-type", "application/json");
      if (request.method !== "POST" || !request.url?.startsWith("/e/")) {
        response.statusCode = 404;
        response.end(JSON.stringify({ status: 404, error: "not found" }));
        return;
      }
      if (fake.mode === "error") {
        response.statusCode = 500;
        response.end(JSON.stringify({ status: 500, error: "event API unavailable" }));
        return;
      }
      fake.accepted.push(...ids);
      response.end(JSON.stringify({ status: 200, ids }));
    });
  });
  const port = await listen(server);
  fake.url = `http://127.0.0.1:${port}/`;
  fake.client = inngestClientFor(fake.url);
  fake.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

/** An address where nothing listens: connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
