import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/account-panel";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Account" };

export default async function PatientAccountPage() {
  const user = await requireRole("patient");
  return <AccountPanel user={user} timeZone={(await getPatientTimeZone(getDb(), user.id)) ?? "UTC"} />;
}
