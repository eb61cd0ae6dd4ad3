// /api/docs serves Swagger UI from the installed package, scripts tagged with the request's nonce.
import { describe, expect, it } from "vitest";
import { GET as docs } from "@/app/api/docs/route";
import { GET as asset } from "@/app/api/docs/assets/[file]/route";

const file = (name: string) => asset(new Request(`http://localhost:3000/api/docs/assets/${name}`), { params: Promise.resolve({ file: name }) });

describe("/api/docs", () => {
  it("is an HTML page whose every script carries the nonce, loading only same-origin files", async () => {
    const page = await (await docs(new Request("http://localhost:3000/api/docs", { headers: { "x-nonce": "abc123==" } }))).text();
    const scripts = [...page.matchAll(/<script[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toHaveLength(3);
    for (const script of scripts) expect(script).toMatch(/src="\/api\/docs\/assets\/[\w.-]+" nonce="abc123=="/);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it("serves the package's files and nothing else", async () => {
    const bundle = await file("swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await file("init.js")).status).toBe(200);
    expect((await file("package.json")).status).toBe(404);
    expect((await file("..%2F..%2Fpackage.json")).status).toBe(404);
  });
});
