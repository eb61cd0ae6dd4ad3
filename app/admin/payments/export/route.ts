import { getDb } from "@/lib/db";
import { listPaymentsForAdmin } from "@/db/queries/payments";
import { userWithRole } from "@/lib/auth/guards";
import { paymentsToCsv } from "@/lib/payments/csv";
import { filterRange, parsePaymentFilter } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

/** The filtered payment list as a CSV download, for admins only. */
export async function GET(request: Request) {
  const admin = await userWithRole("admin");
  if (!admin) return Response.json({ error: "Only admins can export payments." }, { status: 403 });
  const { values: filter, problems } = parsePaymentFilter(Object.fromEntries(new URL(request.url).searchParams));
  // The same filter as the list; a bad one is refused rather than exported as "everything".
  if (problems.length)
    return Response.json({ error: `The filter is not valid: ${problems.join(" ")}` }, { status: 400, headers: { "cache-control": "no-store" } });
  const rows = await listPaymentsForAdmin(getDb(), { status: filter.status, doctorId: filter.doctor, ...filterRange(filter) }, 50_000);
  return new Response(paymentsToCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="careslot-payments-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
