import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { emails } from "@/db/schema";
import { createDoctor } from "@/tests/factories";
import { sendVerificationEmail } from "./send-verification-email";

let handle: DatabaseHandle;
let db: Db;

beforeAll(() => {
  handle = connectDatabase(inject("databaseUrl"), { max: 3 });
  db = handle.db;
});
afterAll(() => handle.close());

const run = (event: { name: "doctor/verified"; data: { doctorId: string } } | { name: "doctor/rejected"; data: { doctorId: string; reason: string } }) =>
  new InngestTestEngine({ function: sendVerificationEmail, events: [event] }).execute();
const emailsTo = (doctorId: string) => db.select().from(emails).where(eq(emails.userId, doctorId));

describe("send-verification-email", () => {
  it("tells a verified doctor their profile is public, with a link to their portal", async () => {
    const doctor = await createDoctor(db);

    const { result } = await run({ name: "doctor/verified", data: { doctorId: doctor.id } });

    expect(result).toMatchObject({ doctorId: doctor.id, email: { outcome: "stored" } });
    const [email] = await emailsTo(doctor.id);
    expect(email).toMatchObject({ template: "doctor-approved", toAddress: doctor.email, subject: "Your Careslot profile is verified" });
    expect(email.text).toContain("http://localhost:3000/doctor");
  });

  it("sends the rejection with its reason and a link to the profile", async () => {
    const doctor = await createDoctor(db, { verificationStatus: "rejected" });
    await run({ name: "doctor/rejected", data: { doctorId: doctor.id, reason: "Licence expired." } });
    const [email] = await emailsTo(doctor.id);
    expect(email).toMatchObject({ template: "doctor-rejected", subject: "Your Careslot verification needs attention" });
    expect(email.text).toContain("Licence expired.");
    expect(email.text).toContain("http://localhost:3000/doctor/profile");
  });

  it("announces nothing that no longer stands: a verification withdrawn before its email went out", async () => {
    const doctor = await createDoctor(db, { verificationStatus: "rejected" });
    const { result } = await run({ name: "doctor/verified", data: { doctorId: doctor.id } });
    expect(result).toMatchObject({ email: { outcome: "skipped", reason: "doctor is rejected" } });
    expect(await emailsTo(doctor.id)).toEqual([]);
  });
});
