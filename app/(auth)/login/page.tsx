import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { googleRefusalMessages } from "@/lib/auth/google";
import { googleSignInEnabled } from "@/lib/auth/google-sign-in";
import { currentUser, portalPath, safeReturnPath } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Sign in" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await currentUser();
  if (user) redirect(portalPath(user.role));
  const next = safeReturnPath(typeof params.next === "string" ? params.next : undefined);
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Careslot."
      footer={
        <>
          New here?{" "}
          <Link href={next ? `/register?next=${encodeURIComponent(next)}` : "/register"} className="font-medium text-brand-700 underline">
            Create an account
          </Link>
        </>
      }
    >
      {params.registered ? (
        <Notice tone="success" className="mb-4">
          {/* The same words whether or not the address already had an account (its owner gets a notice instead). */}
          Check your email: we sent a message to the address you gave. For a new account it holds a link to confirm your address; you can sign in now.
        </Notice>
      ) : null}
      {params.reset ? (
        <Notice tone="success" className="mb-4">
          Your password was changed and every other session was signed out. Sign in with the new password.
        </Notice>
      ) : null}
      {params.signedOut ? <Notice className="mb-4">You are signed out.</Notice> : null}
      {params.expired ? <Notice className="mb-4">That sign-in was not finished in time. Sign in again with your email and password.</Notice> : null}
      <GoogleRefusal reason={params.google} authError={params.error} />
      <SignInForm next={next} google={googleSignInEnabled(env())} />
    </AuthCard>
  );
}

/** Why "Continue with Google" came back here: our refusal (?google=…), or Auth.js's error page redirect (?error=…). */
function GoogleRefusal({ reason, authError }: { reason: unknown; authError: unknown }) {
  const message =
    typeof reason === "string" && reason in googleRefusalMessages
      ? googleRefusalMessages[reason as keyof typeof googleRefusalMessages]
      : typeof authError === "string"
        ? googleRefusalMessages.failed
        : null;
  return message ? (
    <Notice tone="error" className="mb-4">
      {message}
    </Notice>
  ) : null;
}
