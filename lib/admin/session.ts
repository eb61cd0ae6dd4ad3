import "server-only";
import { userWithRole } from "@/lib/auth/guards";
import type { AdminActor } from "./actor";

/** For admin actions: the signed-in admin, or null (the action answers with a refusal, never a redirect). */
export async function adminFromSession(): Promise<AdminActor | null> {
  const user = await userWithRole("admin");
  return user ? { id: user.id, role: "admin" } : null;
}

export const SIGNED_OUT = "Only administrators can do that. Please sign in again as an administrator.";
