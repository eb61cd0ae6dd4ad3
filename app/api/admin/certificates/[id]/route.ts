import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { openCertificateForAdmin } from "@/lib/admin/certificates";
import { AppError } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";
import { notFoundResponse, privateFileHeaders } from "@/lib/records/download";
import { viewerOfRequest } from "@/lib/records/request-viewer";

export const dynamic = "force-dynamic";

/**
 * GET /api/admin/certificates/:id — a doctor's certificate for the
 * verification screen. Admins only; anyone else gets 404. PDFs and images open
 * in the browser (`?download=1` saves instead); every view is audited.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const opened = await openCertificateForAdmin(getDb(), await viewerOfRequest(request), id);
    if (!opened) return notFoundResponse();
    const download = request.nextUrl.searchParams.get("download") === "1";
    return new Response(new Uint8Array(opened.content), {
      headers: privateFileHeaders({
        contentType: opened.certificate.contentType,
        name: opened.certificate.originalName,
        size: opened.content.byteLength,
        disposition: download ? "attachment" : "inline",
      }),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return notFoundResponse();
    (await requestLogger()).error({ err: error, route: "certificate-download" }, "certificate download failed");
    return new Response("The file could not be read. Please try again.", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
