// `server-only` throws outside a React Server environment; tests import server
// modules directly, so the marker becomes an empty module here. The env the
// modules validate points at this run's database. The data encryption key is
// a fixed test key, registered here too for tests that write through their
// own pool (tests/db.ts) rather than the app's.
import { inject, vi } from "vitest";
import { setDataKeys } from "@/db/crypto";
import { parseDataKeys } from "@/lib/data-keys";

vi.mock("server-only", () => ({}));

const TEST_DATA_KEYS = "test:Y2FyZXNsb3QtdGVzdC1kYXRhLWtleS0zMi1ieXRlcyE=";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.APP_URL ??= "http://localhost:3000";
// Always this one ("careslot-test-data-key-32-bytes!"), never a key from the developer's shell.
process.env.DATA_ENCRYPTION_KEYS = TEST_DATA_KEYS;
delete process.env.DATA_ENCRYPTION_KEY_ID;
setDataKeys(parseDataKeys(TEST_DATA_KEYS, undefined));
delete process.env.RESEND_API_KEY;
delete process.env.STRIPE_SECRET_KEY;
