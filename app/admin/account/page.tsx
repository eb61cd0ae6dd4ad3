import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/account-panel";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Account" };

export default async function AdminAccountPage() {
  const user = await requireRole("admin");
  return <AccountPanel user={user} />;
}
