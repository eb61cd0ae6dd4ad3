import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger, requestLogger } from "./logger";

const request = vi.hoisted(() => ({ headers: null as Headers | null }));
vi.mock("next/headers", () => ({
  headers: async () => {
    if (!request.headers) throw new Error("`headers` was called outside a request scope");
    return request.headers;
  },
}));

afterEach(() => {
  request.headers = null;
});

describe("requestLogger", () => {
  it("carries the request's x-request-id on every line", async () => {
    request.headers = new Headers({ "x-request-id": "7b0c7a52-1f0e-4a57-9d6b-0f4f5e2c8a11" });
    expect((await requestLogger()).bindings()).toMatchObject({ requestId: "7b0c7a52-1f0e-4a57-9d6b-0f4f5e2c8a11" });
  });

  it("is the plain logger outside a request", async () => {
    expect(await requestLogger()).toBe(logger);
  });
});

describe("logging an error as { err }", () => {
  it("prints its type, message and stack (database errors: lib/logged-error.test.ts)", () => {
    const serializers = (logger as unknown as Record<symbol, Record<string, (value: unknown) => unknown>>)[pino.symbols.serializersSym];
    expect(serializers.err!(new TypeError("no such column"))).toMatchObject({
      type: "TypeError",
      message: "no such column",
      stack: expect.stringContaining("logger.test.ts"),
    });
  });
});
