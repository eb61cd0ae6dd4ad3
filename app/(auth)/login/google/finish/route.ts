import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { portalPath, safeReturnPath } from "@/lib/auth/guards";
import { fitReceivedSessionCookie } from "@/lib/auth/session-cookie";

/**
 * Where "Continue with Google" lands once Auth.js has set the session cookie:
 * as after a password sign-in, that cookie is made to end with the browser
 * (without "Keep me signed in") or with its session; then on to the return
 * path or the user's portal.
 */
export async function GET(request: Request) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  await fitReceivedSessionCookie();
  const next = safeReturnPath(new URL(request.url).searchParams.get("next"));
  redirect(next ?? portalPath(session.user.role));
}
