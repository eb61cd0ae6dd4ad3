import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { exportFileName, patientExportArchive, preparePatientExport } from "@/lib/privacy/export";
import { contentDisposition } from "@/lib/records/download";
import { viewerOfRequest } from "@/lib/records/request-viewer";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * GET /patient/data-export — "Download my data": the signed-in patient's own
 * data as one ZIP (data.json and their uploaded files). A plain link, so it
 * works without JavaScript. Signed out → the sign-in page, back to the
 * profile after; any other role → 403. Nothing in the request names whose
 * data it is: only the session does.
 */
export async function GET(request: NextRequest) {
  const viewer = await viewerOfRequest(request);
  if (!viewer) return new Response(null, { status: 303, headers: { ...noStore, Location: "/login?next=%2Fpatient%2Fprofile" } });
  if (viewer.role !== "patient")
    return new Response("Only patients can download their data here.", { status: 403, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
  const now = new Date();
  try {
    const prepared = await preparePatientExport(getDb(), viewer.id, now);
    if (!prepared) return new Response("Not found", { status: 404, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
    return new Response(patientExportArchive(prepared), {
      headers: {
        ...noStore,
        "Content-Type": "application/zip",
        "Content-Disposition": contentDisposition("attachment", exportFileName(now)),
        "Cross-Origin-Resource-Policy": "same-origin",
      },
    });
  } catch (error) {
    (await requestLogger()).error({ err: error, route: "patient-data-export" }, "data export failed");
    return new Response("Your data could not be gathered. Please try again.", {
      status: 503,
      headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
