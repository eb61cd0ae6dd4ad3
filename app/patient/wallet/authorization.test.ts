// The authorisation matrix of the patient's wallet (issue #19): every server
// action and route handler under app/patient/wallet, called as Next.js calls
// it with a real signed session cookie, refuses anyone but an active patient
// (an anonymous caller, a doctor, an admin, a patient demoted a moment ago
// whose cookie still says "patient"): nothing moves, nothing reaches Stripe.
// A patient acts only on their own wallet: the actions take no patient id,
// and the CSV is the caller's own. The pages (receipts included) are in
// e2e/wallet.spec.ts; the admin's "Adjust balance" and the reconciliation
// page are in app/admin/authorization.test.ts and e2e/admin.spec.ts.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { users, walletTopUps, walletWithdrawals } from "@/db/schema";
import { walletBalances } from "@/db/queries/ledger";
import * as walletActions from "@/app/patient/wallet/actions";
import * as walletExport from "@/app/patient/wallet/export/route";
import { applyEvent, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { startTopUp } from "@/lib/payments/wallet-top-up";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { checkLedgerAfterEach } from "@/tests/ledger";
import { redirectOf } from "@/tests/next-redirect";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)) }));
const revalidated = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath: revalidated, revalidateTag: revalidated }));

const ctx = setUpPaymentTests();
checkLedgerAfterEach(ctx.db);
beforeAll(() => createDoctor(ctx.db));

/** A patient whose wallet holds a €50.00 top-up, credited by the webhook. */
async function world() {
  const patient = await createPatient(ctx.db);
  const { topUpId } = await startTopUp(ctx.db, patient.id, { amountMinor: 5000, currency: "EUR", requestId: randomUUID() });
  const [topUp] = await ctx.db.select().from(walletTopUps).where(eq(walletTopUps.id, topUpId));
  await applyEvent(ctx.db, "checkout.session.completed", {
    id: topUp.stripeCheckoutSessionId,
    object: "checkout.session",
    payment_status: "paid",
    amount_total: 5000,
    currency: "eur",
    payment_intent: `pi_matrix_${randomUUID().slice(0, 8)}`,
    metadata: { walletTopUpId: topUpId },
  });
  return { patient };
}

type World = Awaited<ReturnType<typeof world>>;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const actionCalls: Record<string, () => Promise<unknown>> = {
  "app/patient/wallet/actions.ts#addFundsAction": () => walletActions.addFundsAction(null, form({ amount: "20.00", currency: "EUR", requestId: randomUUID() })),
  "app/patient/wallet/actions.ts#withdrawAction": () => walletActions.withdrawAction(null, form({ amount: "10.00", currency: "EUR", requestId: randomUUID() })),
};

const routeCalls: Record<string, () => Promise<Response>> = {
  "app/patient/wallet/export/route.ts#GET": () => walletExport.GET(),
};

async function snapshot(w: World) {
  return {
    wallet: await walletBalances(ctx.db, w.patient.id),
    topUps: await ctx.db.$count(walletTopUps),
    withdrawals: await ctx.db.$count(walletWithdrawals),
    stripeCalls: ctx.fake.requests.filter((r) => r.method === "POST").length,
  };
}

async function signIn(who: "anonymous" | "doctor" | "admin" | "demoted patient" | "patient", as?: string) {
  if (who === "anonymous") return void (session.cookie = "");
  const id = as ?? (who === "doctor" ? (await createDoctor(ctx.db)).id : who === "admin" ? (await createAdmin(ctx.db)).id : (await createPatient(ctx.db)).id);
  session.cookie = await sessionCookieFor(ctx.db, { id, role: who === "doctor" ? "doctor" : who === "admin" ? "admin" : "patient" });
  if (who === "demoted patient") await ctx.db.update(users).set({ role: "doctor" }).where(eq(users.id, id));
}

describe("wallet actions and routes refuse everyone but an active patient", () => {
  const callers = {
    "an anonymous caller": "anonymous",
    "a doctor": "doctor",
    "an admin": "admin",
    "a patient demoted a moment ago": "demoted patient",
  } as const;
  for (const [caller, who] of Object.entries(callers)) {
    it(`${caller}: every action answers ok: false and nothing moves; every route answers 401 or 403 without content`, async () => {
      const w = await world();
      await signIn(who);
      const before = await snapshot(w);
      revalidated.mockClear();
      for (const [name, call] of Object.entries(actionCalls)) expect(((await call()) as { ok: boolean }).ok, name).toBe(false);
      for (const [name, call] of Object.entries(routeCalls)) {
        const response = await call();
        expect([401, 403], name).toContain(response.status);
        expect(response.headers.get("content-disposition"), name).toBeNull();
      }
      expect(await snapshot(w)).toEqual(before);
      expect(revalidated).not.toHaveBeenCalled();
    });
  }

  it("the patient passes: Add funds opens Stripe Checkout, Withdraw to card refunds their own top-up, the CSV is their own", async () => {
    const w = await world();
    const stranger = await world();
    await signIn("patient", w.patient.id);
    expect(await redirectOf(actionCalls["app/patient/wallet/actions.ts#addFundsAction"]())).toMatch(new RegExp(`^${ctx.fake.url}/pay/cs_test_`));
    expect(await actionCalls["app/patient/wallet/actions.ts#withdrawAction"]()).toMatchObject({ ok: true });
    expect(await walletBalances(ctx.db, w.patient.id)).toEqual([{ currency: "EUR", balanceMinor: 4000 }]);
    expect(await walletBalances(ctx.db, stranger.patient.id)).toEqual([{ currency: "EUR", balanceMinor: 5000 }]);
    const csv = await (await routeCalls["app/patient/wallet/export/route.ts#GET"]()).text();
    expect(csv.split("\n").filter(Boolean)).toHaveLength(3); // the header, the top-up, the withdrawal
  });
});

describe("the matrix lists every wallet entry point", () => {
  const filesUnder = async (dir: string, name: RegExp) =>
    (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && name.test(e.name)).map((e) => `${e.parentPath}/${e.name}`);

  it("every exported server action and route handler under app/patient/wallet", async () => {
    const found: string[] = [];
    for (const file of await filesUnder("app/patient/wallet", /^(actions|route)\.ts$/))
      for (const name of Object.keys(await import(/* @vite-ignore */ path.resolve(file)))) found.push(`${file}#${name}`);
    expect(found.filter((entry) => !entry.endsWith("#dynamic")).sort()).toEqual([...Object.keys(actionCalls), ...Object.keys(routeCalls)].sort());
  });
});
