import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { openRecordForDownload } from "@/lib/records/access";
import { notFoundResponse, privateFileHeaders } from "@/lib/records/download";
import { viewerOfRequest } from "@/lib/records/request-viewer";

export const dynamic = "force-dynamic";

/**
 * GET /api/records/:id — a medical record's file, for its patient, a doctor it
 * is shared with, or an admin. Everyone else, signed in or not, gets the same
 * 404 as for an id that does not exist, so ids cannot be probed.
 * `?disposition=inline` opens it in the browser instead of saving it.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const download = await openRecordForDownload(getDb(), await viewerOfRequest(request), id);
    if (!download) return notFoundResponse();
    const inline = request.nextUrl.searchParams.get("disposition") === "inline";
    return new Response(new Uint8Array(download.content), {
      headers: privateFileHeaders({
        contentType: download.record.contentType,
        name: download.record.originalName,
        size: download.content.byteLength,
        disposition: inline ? "inline" : "attachment",
      }),
    });
  } catch (error) {
    (await requestLogger()).error({ err: error, route: "record-download" }, "record download failed");
    return new Response("The file could not be read. Please try again.", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
