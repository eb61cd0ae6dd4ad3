import type { ReactNode } from "react";
import type { Role } from "@/lib/vocabulary";
import { Main } from "./main-landmark";
import { PortalMenu, type PortalLink } from "./portal-menu";

const navigation: Record<Role, PortalLink[]> = {
  patient: [
    { href: "/patient", label: "Dashboard" },
    { href: "/patient/appointments", label: "Appointments" },
    { href: "/doctors", label: "Book a visit" },
    { href: "/patient/payments", label: "Payments" },
    { href: "/patient/wallet", label: "Wallet" },
    { href: "/patient/records", label: "Medical records" },
    { href: "/patient/profile", label: "Profile" },
    { href: "/patient/account", label: "Account" },
  ],
  doctor: [
    { href: "/doctor", label: "Dashboard" },
    { href: "/doctor/calendar", label: "Calendar" },
    { href: "/doctor/appointments", label: "Appointments" },
    { href: "/doctor/patients", label: "Patients" },
    { href: "/doctor/availability", label: "Availability" },
    { href: "/doctor/payments", label: "Payments" },
    { href: "/doctor/reports", label: "Reports" },
    { href: "/doctor/reviews", label: "Reviews" },
    { href: "/doctor/profile", label: "Profile" },
    { href: "/doctor/account", label: "Account" },
  ],
  admin: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/doctors", label: "Doctor verification" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/specializations", label: "Specializations" },
    { href: "/admin/reviews", label: "Reviews" },
    { href: "/admin/appointments", label: "Appointments" },
    { href: "/admin/payments", label: "Payments" },
    { href: "/admin/reports", label: "Reports" },
    { href: "/admin/outbox", label: "Outbox" },
    { href: "/admin/messages", label: "Emails and messages" },
    { href: "/admin/audit", label: "Audit log" },
    { href: "/admin/settings", label: "Settings" },
    { href: "/admin/account", label: "Account" },
  ],
};

const titles: Record<Role, string> = { patient: "Patient portal", doctor: "Doctor portal", admin: "Admin console" };

/** A portal page: its menu, then its <main> (the root layout leaves <main> to this shell, components/layout/main-landmark.tsx). */
export function PortalShell({ role, children }: { role: Role; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <PortalMenu title={titles[role]} items={navigation[role]} />
      <Main className="min-w-0 flex-1">{children}</Main>
    </div>
  );
}
