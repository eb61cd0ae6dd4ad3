import { getDb } from "@/lib/db";
import { walletHistory } from "@/db/queries/ledger";
import { userWithRole } from "@/lib/auth/guards";
import { walletHistoryToCsv } from "@/lib/wallet/csv";

export const dynamic = "force-dynamic";

/** The signed-in patient's own wallet history as a CSV download. */
export async function GET() {
  const patient = await userWithRole("patient");
  if (!patient) return Response.json({ error: "Only patients have a wallet." }, { status: 403, headers: { "cache-control": "no-store" } });
  const rows = await walletHistory(getDb(), patient.id, { limit: 50_000 });
  return new Response(walletHistoryToCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="careslot-wallet-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
