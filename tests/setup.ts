// `server-only` throws outside a React Server environment; tests import server
// modules directly, so the marker becomes an empty module here. The env the
// modules validate points at this run's database.
import { inject, vi } from "vitest";

vi.mock("server-only", () => ({}));

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.RESEND_API_KEY;
delete process.env.STRIPE_SECRET_KEY;
