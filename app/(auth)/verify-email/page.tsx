import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { Notice } from "@/components/ui/notice";
import { verifyEmailToken } from "@/lib/auth/accounts";
import { currentUser, safeReturnPath } from "@/lib/auth/guards";
import { confirmedEmailUnlocks } from "@/lib/auth/role-wording";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Verify email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string; next?: string }> }) {
  const { token, next: requested } = await searchParams;
  const verified = token ? await verifyEmailToken(getDb(), token, new Date()) : null;
  // Registered on the way to a booking: the link leads back there (through sign-in when needed).
  const next = safeReturnPath(typeof requested === "string" ? requested : undefined);
  const signedIn = Boolean(await currentUser());
  const onward = next
    ? signedIn
      ? { href: next, label: "Continue to your booking" }
      : { href: `/login?next=${encodeURIComponent(next)}`, label: "Sign in to continue booking" }
    : { href: "/login", label: "Continue to sign in" };
  return (
    <AuthCard title={verified ? "Email address confirmed" : "This link did not work"}>
      {verified ? (
        <Notice tone="success">Thank you. Your email address is confirmed and you can {confirmedEmailUnlocks[verified.role]}.</Notice>
      ) : (
        <Notice tone="error">The link has expired or was already used. Sign in and ask for a new one from your dashboard.</Notice>
      )}
      <p className="mt-6">
        <Link href={onward.href} className="font-medium text-brand-700 underline">
          {onward.label}
        </Link>
      </p>
    </AuthCard>
  );
}
