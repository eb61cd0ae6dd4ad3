import { getDb } from "@/lib/db";
import { checkReadiness } from "@/lib/health/readiness";
import { isShuttingDown } from "@/lib/lifecycle/shutdown";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

// Readiness for an orchestrator or load balancer: 200 only when this server should get traffic.
export async function GET() {
  const readiness = await checkReadiness(getDb(), isShuttingDown());
  if (readiness.ready) return Response.json({ status: "ready" }, { headers: { "Cache-Control": "no-store" } });
  if (readiness.reason === "database_unreachable") (await requestLogger()).error({ detail: readiness.detail }, "readiness: database unreachable");
  return Response.json({ status: "not_ready", reason: readiness.reason }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
