import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { portalPath, safeReturnPath } from "@/lib/auth/guards";
import { endSessionCookieWithBrowser } from "@/lib/auth/session-cookie";

/**
 * Where "Continue with Google" lands once Auth.js has set the session cookie:
 * without "Keep me signed in" that cookie is made to end with the browser, as
 * after a password sign-in; then on to the return path or the user's portal.
 */
export async function GET(request: Request) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  if (!session.user.remembered) await endSessionCookieWithBrowser();
  const next = safeReturnPath(new URL(request.url).searchParams.get("next"));
  redirect(next ?? portalPath(session.user.role));
}
