import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { payments } from "@/db/schema";
import { createDoctor, createPatients, getAppointment, insertAppointmentRow, localInstant } from "@/tests/factories";
import { insertPayment } from "../testing/payments";
import { expirePaymentHolds } from "./expire-payment-holds";

let handle: DatabaseHandle;
let db: Db;

beforeAll(() => {
  handle = connectDatabase(inject("databaseUrl"), { max: 3 });
  db = handle.db;
});
afterAll(() => handle.close());

const MINUTE = 60_000;

describe("expire-payment-holds", () => {
  it("releases a lapsed unpaid hold, and leaves a running hold and one the webhook already confirmed alone", async () => {
    const doctor = await createDoctor(db);
    const [lapsedPatient, waitingPatient, paidPatient] = await createPatients(db, 3);
    const now = Date.now();
    const hold = (patientId: string, time: string, status: "pending_payment" | "confirmed", holdExpiresAt: Date) =>
      insertAppointmentRow(db, { doctorId: doctor.id, patientId, startsAt: localInstant("2030-03-05", time), status, holdExpiresAt });
    const lapsed = await hold(lapsedPatient.id, "09:00", "pending_payment", new Date(now - MINUTE));
    const lapsedPayment = await insertPayment(db, lapsed, { status: "requires_payment", paidAt: null });
    const waiting = await hold(waitingPatient.id, "10:00", "pending_payment", new Date(now + 20 * MINUTE));
    const paid = await hold(paidPatient.id, "11:00", "confirmed", new Date(now - MINUTE));

    // On demand for this doctor only (the every-minute cron sweeps every doctor).
    const { result } = await new InngestTestEngine({ function: expirePaymentHolds, events: [{ name: "payments/holds.release-requested", data: { doctorId: doctor.id } }] }).execute();

    expect(result).toEqual({ released: 1 });
    expect(await getAppointment(db, lapsed.id)).toMatchObject({ status: "cancelled", cancelledBy: "system" });
    expect((await db.select().from(payments).where(eq(payments.id, lapsedPayment.id)))[0].status).toBe("expired");
    expect((await getAppointment(db, waiting.id)).status).toBe("pending_payment");
    expect((await getAppointment(db, paid.id)).status).toBe("confirmed");
  });
});
