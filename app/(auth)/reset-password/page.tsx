import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/password-reset-forms";
import { Notice } from "@/components/ui/notice";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Choose a new password">
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Notice tone="error">
          This link is incomplete.{" "}
          <Link href="/forgot-password" className="underline">
            Request a new reset link
          </Link>
          .
        </Notice>
      )}
    </AuthCard>
  );
}
