import { currentUser } from "@/lib/auth/guards";
import { keepPendingConfirmation } from "@/lib/confirm/cookie";
import { pendingFromForm } from "@/lib/confirm/pending";
import { securityEvent } from "@/lib/logger";

// A destructive action's form posted without JavaScript (components/ui/confirm-submit.tsx):
// nothing is changed here. What the form holds is kept for the confirm page,
// which posts it on to the action only when the user says so there.

function answer(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const origin = request.headers.get("origin");
  // Like a server action: only a form on this site may fill the confirm page.
  if (!host || (origin && origin !== "null" && new URL(origin).host !== host)) {
    securityEvent("permission_refused", { area: "confirm", reason: "cross-site form" });
    return answer(403, "This form must be sent from Careslot itself.");
  }
  if (!(await currentUser())) return answer(401, "Please sign in to continue.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return answer(400, "This form could not be read. Go back and try again; nothing was changed.");
  }
  const protocol = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const result = pendingFromForm(form.entries(), request.headers.get("referer"), `${protocol}://${host}`);
  if (!result.ok) return answer(result.status, result.message);
  await keepPendingConfirmation(result.encoded);
  return new Response(null, { status: 303, headers: { Location: "/confirm", "Cache-Control": "no-store" } });
}
