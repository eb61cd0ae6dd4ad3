import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { Notice } from "@/components/ui/notice";
import { verifyEmailToken } from "@/lib/auth/accounts";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Verify email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const verified = token ? await verifyEmailToken(getDb(), token, new Date()) : false;
  return (
    <AuthCard title={verified ? "Email address confirmed" : "This link did not work"}>
      {verified ? (
        <Notice tone="success">Thank you. Your email address is confirmed and you can book appointments.</Notice>
      ) : (
        <Notice tone="error">The link has expired or was already used. Sign in and ask for a new one from your dashboard.</Notice>
      )}
      <p className="mt-6">
        <Link href="/login" className="font-medium text-brand-700 underline">
          Continue to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
