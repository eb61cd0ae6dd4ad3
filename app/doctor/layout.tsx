import type { ReactNode } from "react";
import { PortalShell } from "@/components/layout/portal-shell";
import { VerificationBanner } from "@/components/auth/verification-banner";
import { UndeliverableEmailBanner } from "@/components/notifications/undeliverable-banner";
import { requireRole } from "@/lib/auth/guards";

// The layout guards for a clear first answer; every page and action checks again itself.
export default async function DoctorLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("doctor");
  return (
    <PortalShell role="doctor">
      <UndeliverableEmailBanner userId={user.id} email={user.email} role={user.role} />
      {user.emailVerified ? null : <VerificationBanner role={user.role} />}
      {children}
    </PortalShell>
  );
}
