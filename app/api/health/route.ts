import { pingDatabase } from "@/db/queries/health";
import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDatabase(getDb());
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    (await requestLogger()).error({ err: error }, "health check: database unreachable");
    return Response.json({ status: "degraded", db: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
