// Backups that are known to restore (seed 000): the backup script dumps a database with
// data in it to a bucket (a local S3 server here, through the AWS SDK as in production),
// keeps the newest BACKUP_KEEP dumps, and the newest one restored into a fresh, empty
// database gives the same rows; the app's standalone server then starts on the restored
// database, is ready (its migrations are current) and shows a patient their visit with
// its encrypted reason intact.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase } from "@/db/client";
import { bookAppointment } from "@/lib/booking/service";
import { startLocalS3, type LocalS3 } from "@/lib/storage/testing/local-s3";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { backupDatabase, backupTarget, listBackups, restoreDatabase, type BackupTarget } from "@/scripts/backup";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/database-server";
import { freePort, startStandaloneServer, type StandaloneServer } from "@/scripts/lib/standalone-cluster";
import { createDoctor, createPatient } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { sessionCookieFor } from "@/tests/session-cookie";

let source: IsolatedDatabase;
let s3: LocalS3;
let target: BackupTarget;
let server: StandaloneServer | undefined;
const adminUrl = databaseUrl(inject("databaseUrl"), "postgres");
const restoredName = `careslot_restored_${process.pid}_${randomBytes(3).toString("hex")}`;

beforeAll(async () => {
  source = await createIsolatedDatabase("backup_source");
  s3 = await startLocalS3();
  target = backupTarget({
    S3_BUCKET: s3.settings.bucket,
    S3_ENDPOINT: s3.settings.endpoint,
    S3_FORCE_PATH_STYLE: "1",
    S3_ACCESS_KEY_ID: s3.settings.credentials!.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.settings.credentials!.secretAccessKey,
    BACKUP_PREFIX: "backups/",
    BACKUP_KEEP: "2",
  });
});
afterAll(async () => {
  await server?.stop();
  await dropDatabase(adminUrl, restoredName);
  await source?.drop();
  await s3?.close();
});

const TABLES = ["users", "doctor_profiles", "appointments", "appointment_events", "audit_log", "outbox_events", "drizzle.__drizzle_migrations"];

async function rowCounts(url: string): Promise<Record<string, number>> {
  const handle = connectDatabase(url, { max: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await handle.db.execute<{ count: number }>(sql.raw(`select count(*)::int as count from ${table}`));
      counts[table] = row!.count;
    }
    return counts;
  } finally {
    await handle.close();
  }
}

describe("a backup restored into a fresh database", () => {
  it("has every row, and the app starts on it with the data intact", { timeout: 120_000 }, async () => {
    const doctor = await createDoctor(source.db, { fullName: "Dr. Restored Weber" });
    const patient = await createPatient(source.db);
    const booked = await bookAppointment(
      source.db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: new Date(bookableTuesdayTen()), reason: "Knee pain since the marathon" },
      new Date(),
    );

    // Three nightly runs: the oldest is pruned (BACKUP_KEEP=2), never the new one.
    const keys: string[] = [];
    for (const day of [1, 2, 3]) keys.push(await backupDatabase(source.url, target, new Date(Date.UTC(2030, 0, day, 2, 30))));
    expect(await listBackups(target)).toEqual(keys.slice(1));
    expect(keys[2]).toBe("backups/2030-01-03T02-30-00-000Z.dump");

    const restoredUrl = await ensureDatabase(adminUrl, restoredName, { fresh: true });
    expect(await restoreDatabase("latest", restoredUrl, target)).toBe(keys[2]);
    const counts = await rowCounts(restoredUrl);
    expect(counts).toEqual(await rowCounts(source.url));
    expect(counts.appointments).toBe(1);

    // The app on the restored database: ready (migrations current), and the patient's visit as they left it.
    server = await startStandaloneServer({
      name: "restored",
      port: await freePort(),
      env: {
        DATABASE_URL: restoredUrl,
        AUTH_SECRET: process.env.AUTH_SECRET,
        DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS,
        STORAGE_DIR: await fs.mkdtemp(path.join(os.tmpdir(), "careslot-restored-")),
        JOB_RUNNER: "local",
        VITEST: undefined,
        LOG_LEVEL: "warn",
      },
    });
    const restored = connectDatabase(restoredUrl, { max: 1 });
    try {
      const cookie = await sessionCookieFor(restored.db, { id: patient.id, role: "patient" });
      const page = await fetch(`${server.url}/patient/appointments/${booked.id}`, { headers: { cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Knee pain since the marathon");
      expect(html).toContain("Dr. Restored Weber");
    } finally {
      await restored.close();
    }
  });
});
