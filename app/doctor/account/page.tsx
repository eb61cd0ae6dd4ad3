import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/account-panel";
import { getDoctorTimeZone } from "@/db/queries/profiles";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Account" };

export default async function DoctorAccountPage() {
  const user = await requireRole("doctor");
  return <AccountPanel user={user} timeZone={(await getDoctorTimeZone(getDb(), user.id)) ?? "UTC"} />;
}
