// Migration 0010 gives every refund a kind. Refunds recorded before it are
// backfilled from their reason text and the audit log: a database migrated up
// to 0009 is filled with one refund of each sort, then 0010 is applied.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/database-server";
import { migrateDatabase } from "./migrate";

const MIGRATIONS = path.join(import.meta.dirname, "migrations");
const adminUrl = databaseUrl(inject("databaseUrl"), "postgres");
const name = `careslot_refund_kind_${process.pid}_${randomBytes(3).toString("hex")}`;
let url: string;
let sql: postgres.Sql;
let before0010: string;

/** A copy of the migrations folder that ends at `lastTag`. */
async function migrationsUpTo(lastTag: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "careslot-migrations-"));
  await mkdir(path.join(folder, "meta"));
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1);
  await writeFile(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries) await copyFile(path.join(MIGRATIONS, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  return folder;
}

beforeAll(async () => {
  url = await ensureDatabase(adminUrl, name, { fresh: true });
  before0010 = await migrationsUpTo("0009_local_job_runs");
  sql = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(sql), { migrationsFolder: before0010 });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await rm(before0010, { recursive: true, force: true });
  await dropDatabase(adminUrl, name);
});

describe("migration 0010: refunds.kind", () => {
  it("backfills late payments, Stripe-side refunds, an admin's manual refunds and cancellations from what was recorded", async () => {
    // Plain SQL on the tables as they stood at 0009, so later schema changes leave this test alone.
    const user = async (role: string) => {
      const [row] = await sql<{ id: string }[]>`
        insert into users (email, full_name, password_hash, role) values (${`${role}-${randomBytes(4).toString("hex")}@careslot.test`}, ${role}, 'x', ${role}) returning id`;
      return row.id;
    };
    const [doctor, patient, admin] = [await user("doctor"), await user("patient"), await user("admin")];
    const [appointment] = await sql<{ id: string }[]>`
      insert into appointments (doctor_id, patient_id, starts_at, ends_at, status, price_minor, currency)
      values (${doctor}, ${patient}, '2030-03-05T09:00:00Z', '2030-03-05T09:30:00Z', 'cancelled', 6000, 'EUR') returning id`;
    const [payment] = await sql<{ id: string }[]>`
      insert into payments (appointment_id, patient_id, doctor_id, provider, status, amount_minor, currency)
      values (${appointment.id}, ${patient}, ${doctor}, 'stripe', 'refunded', 6000, 'EUR') returning id`;
    const refund = async (reason: string, role: string, requestedBy: string | null = null) => {
      const [row] = await sql<{ id: string }[]>`
        insert into refunds (payment_id, amount_minor, reason, status, requested_by, requested_by_role)
        values (${payment.id}, 1000, ${reason}, 'succeeded', ${requestedBy}, ${role}) returning id`;
      return row.id;
    };
    const late = await refund("Paid after the held time ran out and the slot was taken: refunded in full automatically.", "system");
    const outside = await refund("Refunded in Stripe, outside Careslot.", "system");
    const byPatient = await refund(
      "€10.00 will be refunded to the card you paid with. Cancelled at least 24 hours before the start, so the full amount is refunded.",
      "patient",
      patient,
    );
    const byClinic = await refund(
      "€10.00 will be refunded to the card you paid with. The appointment was cancelled by the clinic, so the full amount is refunded.",
      "admin",
      admin,
    );
    // An admin may type anything, even the system's words: the audit row written with it decides.
    const manual = await refund("Refunded in Stripe, outside Careslot.", "admin", admin);
    await sql`
      insert into audit_log (actor_id, actor_role, action, entity_type, entity_id, after)
      values (${admin}, 'admin', 'payment.refunded_manually', 'payment', ${payment.id}, ${JSON.stringify({ refundId: manual, amountMinor: 1000 })}::jsonb)`;

    await migrateDatabase(url);

    const kinds = Object.fromEntries((await sql<{ id: string; kind: string }[]>`select id, kind::text as kind from refunds`).map((row) => [row.id, row.kind]));
    expect(kinds).toEqual({ [late]: "late_payment", [outside]: "outside_stripe", [byPatient]: "cancellation", [byClinic]: "cancellation", [manual]: "manual" });
    const [column] = await sql`select is_nullable from information_schema.columns where table_name = 'refunds' and column_name = 'kind'`;
    expect(column.is_nullable).toBe("NO");
  });
});
