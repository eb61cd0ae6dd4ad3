import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "@/db/schema";
import { walletBalances, walletHistory } from "@/db/queries/ledger";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { checkLedgerAfterEach } from "@/tests/ledger";
import { adminActor, auditRowsFor, createDoctor, createPatient, insertAppointmentRow, rejectionOf, TEST_NOW } from "@/tests/factories";
import { adjustWalletBalance } from "@/lib/admin/wallet";
import { isOverdraft, postToLedger } from "./ledger";
import { overdraftRefusal, payVisitFromWallet } from "./pay";

// The wallet ledger's money rules, as PostgreSQL enforces them (issue #19).

const db = useTestDb({ max: 24 });

checkLedgerAfterEach(db);

async function patientWithBalance(minor: number, currency = "EUR") {
  const patient = await createPatient(db);
  const admin = await adminActor(db);
  if (minor > 0)
    await adjustWalletBalance(db, admin, { patientId: patient.id, currency, amountMinor: minor, reason: "Opening balance", requestId: randomUUID() });
  return { patient, admin };
}

/** The database's own words for refusing a statement (Drizzle wraps them as the cause). */
async function refusal(statement: PromiseLike<unknown>): Promise<string> {
  const error = await rejectionOf(Promise.resolve(statement));
  return String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
}

const balanceOf = async (patientId: string, currency = "EUR") =>
  (await walletBalances(db, patientId)).find((row) => row.currency === currency)?.balanceMinor ?? 0;

describe("an admin's adjustment", () => {
  it("credits the wallet with the reason, audited, and a resent form posts once", async () => {
    const patient = await createPatient(db);
    const admin = await adminActor(db);
    const requestId = randomUUID();
    const input = { patientId: patient.id, currency: "EUR", amountMinor: 2500, reason: "Goodwill after a late doctor", requestId };
    const first = await adjustWalletBalance(db, admin, input);
    const again = await adjustWalletBalance(db, admin, input);
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    expect(await balanceOf(patient.id)).toBe(2500);
    expect(await walletHistory(db, patient.id)).toMatchObject([
      { kind: "adjustment", amountMinor: 2500, currency: "EUR", reason: "Goodwill after a late doctor" },
    ]);
    const audit = await auditRowsFor(db, "user", patient.id);
    expect(audit.filter((row) => row.action === "wallet.adjusted")).toHaveLength(1);
  });

  it("never takes the balance below zero: the debit is refused with the balance, and nothing is written", async () => {
    const { patient, admin } = await patientWithBalance(1000);
    const refusal = await rejectionOf(
      adjustWalletBalance(db, admin, { patientId: patient.id, currency: "EUR", amountMinor: -1500, reason: "Clawback", requestId: randomUUID() }),
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe("The balance cannot go below zero: it is €10.00. Nothing was changed.");
    expect(await balanceOf(patient.id)).toBe(1000);
    expect(await walletHistory(db, patient.id)).toHaveLength(1);
  });

  it("is refused to anyone but an active admin, and for a user who is not a patient", async () => {
    const patient = await createPatient(db);
    const input = { patientId: patient.id, currency: "EUR", amountMinor: 100, reason: "Try", requestId: randomUUID() };
    await expect(rejectionOf(adjustWalletBalance(db, { id: patient.id, role: "patient" }, input))).resolves.toMatchObject({ code: "forbidden" });
    const doctor = await createDoctor(db);
    await expect(rejectionOf(adjustWalletBalance(db, await adminActor(db), { ...input, patientId: doctor.id }))).resolves.toMatchObject({
      code: "not_found",
    });
    expect(await balanceOf(patient.id)).toBe(0);
  });
});

describe("paying visits from the balance", () => {
  it("20 parallel visits from a balance that covers 3: exactly 3 are paid and the balance ends at zero, never below", async () => {
    const { patient } = await patientWithBalance(3 * 4000);
    const doctor = await createDoctor(db);
    const visits = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(TEST_NOW.getTime() + (i + 1) * 3_600_000) }),
      ),
    );
    const outcomes = await Promise.allSettled(
      visits.map((visit) =>
        db.transaction((tx) =>
          payVisitFromWallet(tx, {
            patientId: patient.id,
            appointmentId: visit.id,
            amountMinor: 4000,
            currency: "EUR",
            actor: { id: patient.id, role: "patient" },
          }),
        ),
      ),
    );
    const paid = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(paid).toHaveLength(3);
    expect(refused).toHaveLength(17);
    expect(refused.every((outcome) => isOverdraft(outcome.reason))).toBe(true);
    expect(await balanceOf(patient.id)).toBe(0);
    const words = await overdraftRefusal(db, refused[0]!.reason, { patientId: patient.id, amountMinor: 4000, currency: "EUR" });
    expect(words?.message).toBe("Your wallet balance (€0.00) does not cover this visit: €40.00 short. Nothing was booked.");
  });

  it("a visit is paid once however often its payment is retried", async () => {
    const { patient } = await patientWithBalance(10_000);
    const doctor = await createDoctor(db);
    const visit = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: TEST_NOW });
    const pay = () =>
      db.transaction((tx) =>
        payVisitFromWallet(tx, {
          patientId: patient.id,
          appointmentId: visit.id,
          amountMinor: 6000,
          currency: "EUR",
          actor: { id: patient.id, role: "patient" },
        }),
      );
    await pay();
    expect((await pay()).replayed).toBe(true);
    expect(await balanceOf(patient.id)).toBe(4000);
  });
});

describe("the database's rules", () => {
  it("entries and transactions cannot be changed or deleted", async () => {
    const { patient } = await patientWithBalance(500);
    const [entry] = await db
      .select({ id: ledgerEntries.id, transactionId: ledgerEntries.transactionId })
      .from(ledgerEntries)
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
      .where(eq(ledgerTransactions.patientId, patient.id));
    expect(await refusal(db.update(ledgerEntries).set({ amountMinor: 999_999 }).where(eq(ledgerEntries.id, entry!.id)))).toMatch(/append-only/);
    expect(await refusal(db.delete(ledgerEntries).where(eq(ledgerEntries.id, entry!.id)))).toMatch(/append-only/);
    expect(await refusal(db.update(ledgerTransactions).set({ reason: "edited" }).where(eq(ledgerTransactions.id, entry!.transactionId)))).toMatch(
      /append-only/,
    );
    expect(await refusal(db.execute(sql`truncate ledger_entries cascade`))).toMatch(/append-only/);
  });

  it("a balance moves only with entries: setting it directly is refused", async () => {
    const { patient } = await patientWithBalance(500);
    expect(await refusal(db.update(ledgerAccounts).set({ balanceMinor: 1_000_000 }).where(eq(ledgerAccounts.ownerId, patient.id)))).toMatch(
      /moves only with its entries/,
    );
    expect(
      await refusal(db.insert(ledgerAccounts).values({ kind: "patient_wallet", ownerId: (await createPatient(db)).id, currency: "EUR", balanceMinor: 700 })),
    ).toMatch(/starts at zero/);
    expect(await balanceOf(patient.id)).toBe(500);
  });

  it("a transaction whose entries do not sum to zero is refused at COMMIT, with nothing kept", async () => {
    const patient = await createPatient(db);
    const minted = db.transaction(async (tx) => {
      const [wallet] = await tx.insert(ledgerAccounts).values({ kind: "patient_wallet", ownerId: patient.id, currency: "EUR" }).returning();
      const [row] = await tx
        .insert(ledgerTransactions)
        .values({ kind: "adjustment", patientId: patient.id, reason: "Minted", actorRole: "system", idempotencyKey: `minted/${randomUUID()}` })
        .returning();
      await tx.insert(ledgerEntries).values({ transactionId: row!.id, accountId: wallet!.id, amountMinor: 5000, currency: "EUR" });
    });
    expect(await refusal(minted)).toMatch(/does not sum to zero/);
    const empty = db.transaction(async (tx) => {
      await tx
        .insert(ledgerTransactions)
        .values({ kind: "adjustment", patientId: patient.id, reason: "Empty", actorRole: "system", idempotencyKey: `empty/${randomUUID()}` });
    });
    expect(await refusal(empty)).toMatch(/has no entries/);
    expect(await walletBalances(db, patient.id)).toEqual([]);
  });

  it("an entry in another currency than its account's is refused", async () => {
    const patient = await createPatient(db);
    const wrong = db.transaction(async (tx) => {
      const [eur] = await tx.insert(ledgerAccounts).values({ kind: "patient_wallet", ownerId: patient.id, currency: "EUR" }).returning();
      const [row] = await tx
        .insert(ledgerTransactions)
        .values({ kind: "adjustment", patientId: patient.id, reason: "Mixed", actorRole: "system", idempotencyKey: `mixed/${randomUUID()}` })
        .returning();
      await tx.insert(ledgerEntries).values([
        { transactionId: row!.id, accountId: eur!.id, amountMinor: 100, currency: "USD" },
        { transactionId: row!.id, accountId: eur!.id, amountMinor: -100, currency: "USD" },
      ]);
    });
    expect(await refusal(wrong)).toMatch(/posted to an account in EUR/);
  });

  it("a posting of zero or of a fraction of a cent is refused before anything is written", async () => {
    const patient = await createPatient(db);
    const post = (walletMinor: number) =>
      db.transaction((tx) =>
        postToLedger(tx, {
          kind: "adjustment",
          patientId: patient.id,
          reason: "x",
          actorRole: "system",
          idempotencyKey: `bad/${randomUUID()}`,
          currency: "EUR",
          walletMinor,
          counterpart: "adjustments",
        }),
      );
    await expect(rejectionOf(post(0))).resolves.toMatchObject({ code: "invalid_input" });
    await expect(rejectionOf(post(1.5))).resolves.toMatchObject({ code: "invalid_input" });
  });
});
