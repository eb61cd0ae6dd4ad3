import type { Metadata } from "next";
import Link from "next/link";
import { WalkInPatientForm } from "@/components/admin/user-details-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { SET_PASSWORD_DAYS } from "@/lib/auth/set-password";

export const metadata: Metadata = { title: "Create a walk-in patient" };

export default async function NewWalkInPatientPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeading
        title="Create a walk-in patient"
        subtitle={`A patient account for someone at the desk or on the phone. They are emailed a link to set their password (valid for ${SET_PASSWORD_DAYS} days); you can book for them straight away.`}
      />
      <Card>
        <WalkInPatientForm />
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline">
          Back to users
        </Link>
      </p>
    </>
  );
}
