import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { Notice } from "@/components/ui/notice";
import { EmailCodeForm } from "@/components/auth/email-code-form";
import { verifyEmailToken } from "@/lib/auth/accounts";
import { currentUser, safeReturnPath } from "@/lib/auth/guards";
import { confirmedEmailUnlocks } from "@/lib/auth/role-wording";
import { userRole, type Role } from "@/lib/vocabulary";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Verify email" };

const isRole = (value: string | undefined): value is Role => (userRole.enumValues as readonly string[]).includes(value ?? "");

/** The emailed link lands here (`?token=`); the emailed 6-digit code is typed here; `?confirmed=` is where the code form leads. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string; next?: string; confirmed?: string }> }) {
  const { token, next: requested, confirmed } = await searchParams;
  const verified = isRole(confirmed) ? { role: confirmed } : token ? await verifyEmailToken(getDb(), token, new Date()) : null;
  // Registered on the way to a booking: the link leads back there (through sign-in when needed).
  const next = safeReturnPath(typeof requested === "string" ? requested : undefined);
  const user = await currentUser();
  const onward = next
    ? user
      ? { href: next, label: "Continue to your booking" }
      : { href: `/login?next=${encodeURIComponent(next)}`, label: "Sign in to continue booking" }
    : user
      ? { href: "/portal", label: "Continue" }
      : { href: "/login", label: "Continue to sign in" };
  if (verified) {
    return (
      <AuthCard title="Email address confirmed">
        <Notice tone="success">Thank you. Your email address is confirmed and you can {confirmedEmailUnlocks[verified.role]}.</Notice>
        <p className="mt-6">
          <Link href={onward.href} className="font-medium text-brand-700 underline">
            {onward.label}
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={token ? "This link did not work" : "Confirm your email address"}>
      {token ? (
        <Notice tone="error" className="mb-4">
          The link has expired or was already used. Enter the code from the newest email instead, or sign in and ask for a new one from your dashboard.
        </Notice>
      ) : (
        <p className="mb-4 text-slate-700">Enter your email address and the 6-digit code from the confirmation email.</p>
      )}
      <EmailCodeForm email={user?.email} next={next} />
    </AuthCard>
  );
}
