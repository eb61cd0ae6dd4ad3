import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/account-panel";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Account" };

export default async function PatientAccountPage() {
  const user = await requireRole("patient");
  return <AccountPanel user={user} />;
}
