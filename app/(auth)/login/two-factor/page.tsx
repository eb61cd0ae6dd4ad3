import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSignInForm } from "@/components/auth/two-factor/second-step-forms";
import { getDb } from "@/lib/db";
import { challengeToken, findChallenge, secondStepPath } from "@/lib/auth/two-factor/sign-in";
import { AuthCard } from "../../auth-card";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** The second step of sign-in: only with a live challenge from a right password (lib/auth/two-factor/sign-in.ts). */
export default async function TwoFactorSignInPage() {
  const challenge = await findChallenge(getDb(), await challengeToken(), new Date());
  if (!challenge) redirect("/login?expired=1");
  if (challenge.purpose === "enrol") redirect(secondStepPath.enrol);
  return (
    <AuthCard title="Two-factor authentication" subtitle="Your password was right. One more step: the code from your authenticator app.">
      <TwoFactorSignInForm />
    </AuthCard>
  );
}
