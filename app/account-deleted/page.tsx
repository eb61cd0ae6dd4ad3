import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted" };

/** Where "Delete my account" lands, signed out. It shows nothing about the account: anyone may open it. */
export default function AccountDeletedPage() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-bold">Your account has been deleted</h1>
      <p className="mt-4 text-slate-600">
        Your personal and medical information, documents and reviews are erased and you are signed out everywhere. A confirmation is on its way to the email
        address the account had.
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to the home page
      </Link>
    </div>
  );
}
