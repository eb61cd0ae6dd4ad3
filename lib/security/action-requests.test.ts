// Replays the requests that reached a 500 through Next.js's server-action
// handler (a JSON body, a body over the limit) against the real proxy, and
// checks that next.config.ts and the proxy agree on the limit and on nosniff.
import { NextRequest } from "next/server";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";
import { ACTION_BODY_LIMIT_BYTES } from "./action-requests";

const ACTION_ID = "7f3b0c1d2e4a5b6c7d8e9f00112233445566778899";

function post(headers: Record<string, string>, body: string | FormData = "") {
  return new NextRequest("http://localhost:3000/register", { method: "POST", headers, body });
}

/** Let through: NextResponse.next() answers 200 with Next.js's "carry on" header. */
const passedOn = (response: Response) => response.status === 200 && response.headers.get("x-middleware-next") === "1";

describe("proxy: server-action requests Next.js would answer with a 500", () => {
  it("refuses a Next-Action POST with a JSON body: 415, with the security headers", async () => {
    const response = await proxy(
      post({ "next-action": ACTION_ID, "content-type": "application/json" }, JSON.stringify({ email: "a@b.test", fullName: "Ann" })),
    );
    expect(response.status).toBe(415);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a text/plain action body that is not the JSON array React sends: 400", async () => {
    for (const body of ['{"email":"a@b.test"}', '"just a string"', "not json", ""]) {
      const response = await proxy(post({ "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8" }, body));
      expect(response.status, body).toBe(400);
    }
  });

  it("refuses a body declared over the limit, with or without the Next-Action header: 413", async () => {
    const tooLarge = String(ACTION_BODY_LIMIT_BYTES + 1);
    // The declared length is what is checked; the body itself is never read.
    const withHeader = new NextRequest("http://localhost:3000/patient/records", {
      method: "POST",
      headers: { "next-action": ACTION_ID, "content-type": "multipart/form-data; boundary=x", "content-length": tooLarge },
    });
    const formPost = new NextRequest("http://localhost:3000/patient/records", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": tooLarge },
    });
    expect((await proxy(withHeader)).status).toBe(413);
    expect((await proxy(formPost)).status).toBe(413);
  });

  it("lets through what React's client sends, and every request that is not an action", async () => {
    const form = new FormData();
    form.set("fullName", "Ann Example");
    expect(passedOn(await proxy(post({ "next-action": ACTION_ID }, form)))).toBe(true);
    expect(passedOn(await proxy(post({ "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8" }, '[{"start":"2030-03-04"}]')))).toBe(true);
    expect(
      passedOn(
        await proxy(post({ "next-action": ACTION_ID, "content-type": "multipart/form-data; boundary=x", "content-length": String(ACTION_BODY_LIMIT_BYTES) })),
      ),
    ).toBe(true);
    // The Stripe webhook and Auth.js's own routes post JSON and urlencoded bodies without Next-Action.
    expect(
      passedOn(
        await proxy(
          new NextRequest("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
        ),
      ),
    ).toBe(true);
    expect(passedOn(await proxy(new NextRequest("http://localhost:3000/doctors?q=weber")))).toBe(true);
  });
});

describe("next.config.ts", () => {
  it("gives Next.js the same body limit as the proxy", () => {
    const experimental = nextConfig.experimental as { serverActions: { bodySizeLimit: string }; proxyClientMaxBodySize: string };
    const megabytes = (size: string) => Number(/^(\d+)mb$/.exec(size)?.[1]) * 1024 * 1024;
    expect(megabytes(experimental.serverActions.bodySizeLimit)).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(megabytes(experimental.proxyClientMaxBodySize)).toBe(ACTION_BODY_LIMIT_BYTES);
  });

  it("sends nosniff on every path the proxy's matcher skips (the build's static files)", async () => {
    const rules = (await nextConfig.headers!()) as { source: string; headers: { key: string; value: string }[] }[];
    const proxied = getPathMatch(proxyConfig.matcher[0]!.source);
    for (const path of [
      "/_next/static/chunks/app/page-1a2b3c.js",
      "/_next/static/css/4d5e6f.css",
      "/_next/static/media/font.woff2",
      "/_next/image",
      "/favicon.ico",
    ]) {
      expect(proxied(path), path).toBe(false);
      const headers = rules.filter((rule) => getPathMatch(rule.source)(path) !== false).flatMap((rule) => rule.headers);
      expect(headers, path).toContainEqual({ key: "X-Content-Type-Options", value: "nosniff" });
    }
    expect(proxied("/doctors")).not.toBe(false);
  });
});
