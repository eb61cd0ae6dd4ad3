import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupAtSignInForm } from "@/components/auth/two-factor/second-step-forms";
import { getTwoFactorCredential } from "@/db/queries/two-factor";
import { getDb } from "@/lib/db";
import { qrCodeDataUrl } from "@/lib/auth/two-factor/qr";
import { challengeToken, findChallenge, secondStepPath } from "@/lib/auth/two-factor/sign-in";
import { groupedSecret, totpUri } from "@/lib/auth/two-factor/totp";
import { AuthCard } from "../../../auth-card";

export const metadata: Metadata = { title: "Set up two-factor authentication" };

/**
 * The set-up "Require two-factor authentication for" sends admins or doctors
 * to right after their password: no session until it is done.
 */
export default async function TwoFactorSetupAtSignInPage() {
  const db = getDb();
  const challenge = await findChallenge(db, await challengeToken(), new Date());
  if (!challenge) redirect("/login?expired=1");
  if (challenge.purpose === "verify") redirect(secondStepPath.verify);
  const credential = await getTwoFactorCredential(db, challenge.user.id);
  // Confirmed a moment ago (the recovery codes are on screen): the form still needs its place, with nothing new to scan.
  const secret = credential?.secret ?? "";
  return (
    <AuthCard
      title="Set up two-factor authentication"
      subtitle="Your password was right. Your clinic requires two-factor authentication for your role: set it up to continue."
    >
      <SetupAtSignInForm qrDataUrl={secret ? await qrCodeDataUrl(totpUri(secret, challenge.user.email)) : ""} secret={groupedSecret(secret)} />
    </AuthCard>
  );
}
