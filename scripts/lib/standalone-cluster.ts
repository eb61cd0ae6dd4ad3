// Several standalone servers (`node .next/standalone/server.js`) on one PostgreSQL
// behind a small round-robin proxy, as a load balancer would put them: the two-server
// test (tests/scale-out/two-servers.test.ts) and `npm run bench` (part 6) use it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import httpProxy from "http-proxy";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The standalone server of the current build (NEXT_DIST_DIR or .next), or a message saying how to make it. */
export function standaloneServerPath(): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const server = path.join(root, distDir, "standalone", "server.js");
  const statics = path.join(root, distDir, "standalone", distDir, "static");
  if (!fs.existsSync(server) || !fs.existsSync(statics))
    throw new Error(`${path.relative(root, server)} (with its static files) is missing: run \`npm run build\` first (CI builds before the tests)`);
  return server;
}

/** A port nobody listens on right now, for a server about to start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface StandaloneServer {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** Every line the server printed (its JSON log), for assertions. */
  log: string[];
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | string>;
}

async function waitUntilReady(url: string, child: ChildProcess, log: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server at ${url} exited (${child.exitCode}) before it was ready:\n${log.slice(-20).join("\n")}`);
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server at ${url} was not ready within ${timeoutMs} ms:\n${log.slice(-20).join("\n")}`);
}

/** Starts one standalone server on 127.0.0.1:`port` with `env` and waits until /api/health/ready answers 200. */
export async function startStandaloneServer(options: {
  name: string;
  port: number;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<StandaloneServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [standaloneServerPath()], {
    env: { ...process.env, ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const collect = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    await waitUntilReady(url, child, log, options.timeoutMs ?? 60_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { name: options.name, port: options.port, url, process: child, log, exited, stop };
}

export interface RoundRobinProxy {
  url: string;
  port: number;
  /** Which server answered each proxied request, in order (its name). */
  answeredBy: string[];
  close: () => Promise<void>;
}

/**
 * A round-robin HTTP proxy in front of `targets`: each new request goes to the next
 * server. A server that refuses the connection (stopped, or not listening any more
 * while it drains) is skipped for the next one, as a load balancer retries a failed
 * connect: the request never reached it, so sending it elsewhere is safe. The proxy
 * opens one upstream connection per request (no keep-alive), so a request is either
 * refused before it is sent or taken by a server that will answer it.
 */
export async function startRoundRobinProxy(targets: { name: string; url: string }[]): Promise<RoundRobinProxy> {
  const proxy = httpProxy.createProxyServer({ xfwd: true, agent: new http.Agent({ keepAlive: false }), proxyTimeout: 60_000 });
  let next = 0;
  const answeredBy: string[] = [];
  const forward = (request: http.IncomingMessage, response: http.ServerResponse, first: number, attempt: number, body: Buffer) => {
    const target = targets[(first + attempt) % targets.length]!;
    served.set(response, target.name);
    // http-proxy pipes `buffer` instead of the request, which was read already.
    proxy.web(request, response, { target: target.url, buffer: Readable.from([body]) }, (error: NodeJS.ErrnoException) => {
      const connectFailed = error.code === "ECONNREFUSED" || (error.code === "ECONNRESET" && !response.headersSent);
      if (connectFailed && attempt + 1 < targets.length * 3 && !response.headersSent) {
        setTimeout(() => forward(request, response, first, attempt + 1, body), 20);
        return;
      }
      if (!response.headersSent) response.writeHead(502, { "Content-Type": "text/plain" });
      response.end(`proxy: ${error.code ?? error.message}`);
    });
  };
  const served = new WeakMap<http.ServerResponse, string>();
  const server = http.createServer((request, response) => {
    // The body is read once so a retried request can be sent again whole.
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.once("finish", () => answeredBy.push(served.get(response) ?? "none"));
    request.on("end", () => forward(request, response, next++, 0, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    answeredBy,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
