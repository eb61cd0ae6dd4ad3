import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { jobRunnerFor } from "./engine";

const base = { DATABASE_URL: "postgres://localhost/careslot", AUTH_SECRET: "x".repeat(40), DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS };
const runnerWith = (extra: Record<string, string>) => jobRunnerFor(parseEnv({ ...base, ...extra }));

describe("which engine runs the background jobs", () => {
  it("is the local runner when nothing names an Inngest", () => {
    expect(runnerWith({})).toBe("local");
    expect(runnerWith({ INNGEST_EVENT_KEY: "  " })).toBe("local");
  });

  it("is Inngest once any INNGEST_* variable says where it is", () => {
    expect(runnerWith({ INNGEST_EVENT_KEY: "key", INNGEST_SIGNING_KEY: "signkey-prod-1" })).toBe("inngest");
    expect(runnerWith({ INNGEST_DEV: "1" })).toBe("inngest");
    expect(runnerWith({ INNGEST_BASE_URL: "http://inngest:8288" })).toBe("inngest");
  });

  it("follows JOB_RUNNER when it is set, and refuses an unknown one by name", () => {
    expect(runnerWith({ INNGEST_DEV: "1", JOB_RUNNER: "local" })).toBe("local");
    expect(runnerWith({ JOB_RUNNER: "inngest" })).toBe("inngest");
    expect(() => runnerWith({ JOB_RUNNER: "celery" })).toThrow(/JOB_RUNNER must be inngest or local/);
  });
});
