import { redirect } from "next/navigation";
import { portalPath, requireRole } from "@/lib/auth/guards";

/** Where sign-in lands: each role has its own portal. */
export default async function PortalRedirect() {
  const user = await requireRole("patient", "doctor", "admin");
  redirect(portalPath(user.role));
}
