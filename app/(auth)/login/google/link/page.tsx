import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LinkGoogleForm } from "@/components/auth/link-google-form";
import { Notice } from "@/components/ui/notice";
import { googleRefusalMessages } from "@/lib/auth/google";
import { pendingLinkTicket, readTicket } from "@/lib/auth/google-tickets";
import { currentUser, portalPath } from "@/lib/auth/guards";
import { AuthCard } from "../../../auth-card";

export const metadata: Metadata = { title: "Link your Google account" };

/** Google named the email of an existing account: its password, once, links the two (lib/auth/google.ts). */
export default async function LinkGooglePage() {
  const user = await currentUser();
  if (user) redirect(portalPath(user.role));
  const pending = await readTicket(pendingLinkTicket);
  const back = (
    <Link href="/login" className="font-medium text-brand-700 underline">
      Back to sign in
    </Link>
  );
  if (!pending) {
    return (
      <AuthCard title="Link your Google account" footer={back}>
        <Notice tone="error">{googleRefusalMessages.expired}</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Link your Google account" footer={back}>
      <p className="mb-4 text-slate-700">
        A Careslot account already uses <strong className="break-all">{pending.email}</strong>. Enter its Careslot password once to link your Google account to
        it; after that, Continue with Google signs you straight in.
      </p>
      <LinkGoogleForm />
    </AuthCard>
  );
}
