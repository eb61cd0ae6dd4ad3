import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { notificationKinds, type NotificationKind } from "@/lib/notifications/preferences";
import { readUnsubscribeToken } from "@/lib/notifications/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

/**
 * Where an email's "Unsubscribe" link lands, signed in or not. Opening it
 * changes nothing (mail scanners open links); the button does, for the one
 * kind of email the link names.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string; done?: string }> }) {
  const { token, done } = await searchParams;
  const finished = done && done in notificationKinds ? notificationKinds[done as NotificationKind] : null;
  const read = !finished && token ? readUnsubscribeToken(token) : null;
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      {finished ? (
        <>
          <h1 className="text-2xl font-bold">You are unsubscribed</h1>
          <p className="mt-4 text-slate-700">
            We will no longer email you about: <strong>{finished.label.toLowerCase()}</strong>. Other emails, and account and security emails, still come. You
            can switch this back on under Notifications on your account page.
          </p>
        </>
      ) : read ? (
        <>
          <h1 className="text-2xl font-bold">Stop these emails?</h1>
          <p className="mt-4 text-slate-700">
            You will no longer get emails about: <strong>{notificationKinds[read.kind].label.toLowerCase()}</strong>. Nothing else changes.
          </p>
          <form method="post" action={`/api/unsubscribe?token=${encodeURIComponent(token!)}`} className="mt-6">
            <input type="hidden" name="from" value="page" />
            <button type="submit" className={buttonClasses("primary")}>
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">This link is not valid</h1>
          <p className="mt-4 text-slate-700">Copy the whole link from the email, or choose what you receive under Notifications on your account page.</p>
        </>
      )}
      <Link href="/login" className="mt-8 inline-block font-medium text-brand-700 underline">
        Sign in to your account
      </Link>
    </div>
  );
}
