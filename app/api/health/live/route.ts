// Liveness for an orchestrator: the process answers. No database call on purpose — a
// database outage must take servers out of the load balancer (readiness), not restart them all.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
