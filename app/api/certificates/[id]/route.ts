import { getDb } from "@/lib/db";
import { currentUser } from "@/lib/auth/guards";
import { requestLogger, securityEvent } from "@/lib/logger";
import { certificateForUser } from "@/lib/profiles/certificate-access";
import { readFile } from "@/lib/storage";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const noStore = { "Cache-Control": "private, no-store", "Content-Type": "text/plain; charset=utf-8" };

/**
 * GET /api/certificates/<id> — a professional certificate, as a download, for
 * the doctor it belongs to and admins (lib/profiles/certificate-access.ts).
 * Never cached; strangers get the same 404 as for a missing file.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) return new Response("Please sign in to continue.", { status: 401, headers: noStore });
  if (!UUID.test(id)) return new Response("Not found", { status: 404, headers: noStore });
  try {
    const certificate = await certificateForUser(getDb(), user, id);
    if (!certificate) {
      securityEvent("certificate_refused", { userId: user.id, role: user.role, certificateId: id });
      return new Response("Not found", { status: 404, headers: noStore });
    }
    const content = await readFile(certificate.fileKey);
    const asciiName = certificate.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new Response(new Uint8Array(content), {
      headers: {
        "Content-Type": certificate.contentType,
        "Content-Length": String(content.byteLength),
        // Always a download, never rendered in our origin (a crafted PDF cannot script the site).
        "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(certificate.originalName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    (await requestLogger()).error({ err: error, route: "certificates" }, "certificate read failed");
    return new Response("Not found", { status: 404, headers: noStore });
  }
}
