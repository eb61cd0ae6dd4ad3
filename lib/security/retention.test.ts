// Retention on a database of its own: the purge looks at every row of emails
// and sign_in_throttle, and changes the one settings row.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEmail } from "@/db/queries/emails";
import { appSettings, emails, signInThrottle } from "@/db/schema";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { purgeOldEmailBodies, purgeOldSignInRecords } from "./retention";

let database: IsolatedDatabase;
const NOW = new Date("2030-06-01T03:30:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

beforeAll(async () => {
  database = await createIsolatedDatabase("retention");
});

afterAll(async () => {
  await database?.drop();
});

async function emailFrom(days: number, template = "password-reset") {
  return recordEmail(database.db, {
    toAddress: `anna-${days}@careslot.test`,
    subject: "Reset your password",
    template,
    html: `<a href="https://careslot.test/reset?token=secret-${days}">Reset</a>`,
    text: `https://careslot.test/reset?token=secret-${days}`,
    attachments: [{ filename: "visit.ics", contentType: "text/calendar", content: "QkVHSU4=" }],
    provider: "resend",
    status: "sent",
    providerId: `re_${days}`,
    createdAt: daysAgo(days),
  });
}

const emailRows = (ids: string[]) => database.db.select().from(emails).where(inArray(emails.id, ids)).orderBy(emails.createdAt);

describe("the retention purge", () => {
  it("clears the bodies of emails older than the setting (90 days by default), in batches, and keeps their delivery history", async () => {
    const old = [await emailFrom(91), await emailFrom(120), await emailFrom(400)];
    const recent = [await emailFrom(89), await emailFrom(1)];

    expect(await purgeOldEmailBodies(database.db, NOW, { batchSize: 2 })).toBe(3);

    const purged = await emailRows(old);
    expect(purged.map((row) => ({ html: row.html, text: row.text, attachments: row.attachments }))).toEqual(
      old.map(() => ({ html: "", text: "", attachments: null })),
    );
    expect(purged.map((row) => [row.toAddress, row.subject, row.template, row.status, row.providerId])).toEqual([
      ["anna-400@careslot.test", "Reset your password", "password-reset", "sent", "re_400"],
      ["anna-120@careslot.test", "Reset your password", "password-reset", "sent", "re_120"],
      ["anna-91@careslot.test", "Reset your password", "password-reset", "sent", "re_91"],
    ]);
    for (const row of await emailRows(recent))
      expect(row).toMatchObject({ text: expect.stringContaining("token=secret-"), attachments: [expect.objectContaining({ filename: "visit.ics" })] });

    expect(await purgeOldEmailBodies(database.db, NOW)).toBe(0);
  });

  it("follows the admin's setting", async () => {
    const [week, days6] = [await emailFrom(8), await emailFrom(6)];
    const keys = [`three-days-${week}@careslot.test`, `one-day-${week}@careslot.test`];
    await database.db.insert(signInThrottle).values([
      { emailKey: keys[0]!, failures: 2, windowStartedAt: daysAgo(3), updatedAt: daysAgo(3) },
      { emailKey: keys[1]!, failures: 2, windowStartedAt: daysAgo(1), updatedAt: daysAgo(1) },
    ]);
    await database.db.update(appSettings).set({ emailBodyRetentionDays: 7, signInRecordRetentionDays: 2 }).where(eq(appSettings.id, 1));
    try {
      await purgeOldEmailBodies(database.db, NOW);
      await purgeOldSignInRecords(database.db, NOW);
    } finally {
      await database.db.update(appSettings).set({ emailBodyRetentionDays: 90, signInRecordRetentionDays: 90 }).where(eq(appSettings.id, 1));
    }
    expect((await emailRows([week, days6])).map((row) => row.text === "")).toEqual([true, false]);
    expect(await database.db.select({ emailKey: signInThrottle.emailKey }).from(signInThrottle).where(inArray(signInThrottle.emailKey, keys))).toEqual([
      { emailKey: keys[1] },
    ]);
  });

  it("deletes sign-in throttle rows idle for longer than the setting, and keeps the others", async () => {
    const row = (emailKey: string, days: number) => ({ emailKey, failures: 1, windowStartedAt: daysAgo(days), updatedAt: daysAgo(days), lockedUntil: null });
    await database.db.insert(signInThrottle).values([row("old@careslot.test", 91), row("older@careslot.test", 365), row("recent@careslot.test", 30)]);

    expect(await purgeOldSignInRecords(database.db, NOW)).toBe(2);
    const left = await database.db
      .select({ emailKey: signInThrottle.emailKey })
      .from(signInThrottle)
      .where(inArray(signInThrottle.emailKey, ["old@careslot.test", "older@careslot.test", "recent@careslot.test"]));
    expect(left).toEqual([{ emailKey: "recent@careslot.test" }]);
  });
});
