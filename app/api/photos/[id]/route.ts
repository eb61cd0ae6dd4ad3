import { getDb } from "@/lib/db";
import { currentUser } from "@/lib/auth/guards";
import { requestLogger } from "@/lib/logger";
import { PHOTO_CONTENT_TYPE } from "@/lib/profiles/photos";
import { photoAccess } from "@/lib/profiles/photo-access";
import { readFile } from "@/lib/storage";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store", "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * GET /api/photos/<id> — a profile photo. Verified doctors' photos are public
 * (they are on the search page); a patient's photo is for that patient only.
 * Anything else, including "exists but not yours", is the same 404, so photo
 * ids cannot be probed. Files were re-encoded to WebP on upload.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  try {
    const user = await currentUser();
    const access = await photoAccess(getDb(), user, id);
    if (!access) return notFound();
    const content = await readFile(access.key);
    return new Response(new Uint8Array(content), {
      headers: {
        "Content-Type": PHOTO_CONTENT_TYPE,
        "Content-Length": String(content.byteLength),
        "Cache-Control": access.cacheControl,
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline",
      },
    });
  } catch (error) {
    // A row pointing at a missing file (storage wiped, restore in progress) is a 404 for the viewer, an error for us.
    (await requestLogger()).error({ err: error, route: "photos" }, "photo read failed");
    return notFound();
  }
}
