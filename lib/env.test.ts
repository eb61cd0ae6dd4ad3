import { describe, expect, it, vi } from "vitest";
import { absoluteUrl } from "./env";

describe("absoluteUrl", () => {
  it("puts a path, with its query, under APP_URL", () => {
    expect(absoluteUrl("/doctor/reports/2030-05")).toBe("http://localhost:3000/doctor/reports/2030-05");
    expect(absoluteUrl("patient/payments")).toBe("http://localhost:3000/patient/payments");
    expect(absoluteUrl(`/verify-email?${new URLSearchParams({ token: "a+b/c" })}`)).toBe("http://localhost:3000/verify-email?token=a%2Bb%2Fc");
  });

  it("keeps the path APP_URL carries (the app behind a prefix)", async () => {
    const previous = process.env.APP_URL;
    process.env.APP_URL = "https://example.org/careslot/";
    vi.resetModules();
    try {
      const fresh = await import("./env");
      expect(fresh.absoluteUrl("/doctor")).toBe("https://example.org/careslot/doctor");
    } finally {
      process.env.APP_URL = previous;
      vi.resetModules();
    }
  });
});
