import Link from "next/link";
import { getDb } from "@/lib/db";
import { undeliverableReason } from "@/lib/notifications/delivery";
import type { Role } from "@/lib/vocabulary";

/** In each portal's layout: the account's address bounced or complained, so no email goes to it until it is corrected. */
export async function UndeliverableEmailBanner({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const reason = await undeliverableReason(getDb(), userId);
  if (!reason) return null;
  return (
    <div role="status" className="mb-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950">
      <p>
        <strong>We cannot email you.</strong>{" "}
        {reason === "bounced" ? `Emails to ${email} bounced: the address does not accept mail.` : `An email to ${email} was reported as spam.`} We have stopped
        emailing it, so you would miss booking confirmations and password resets.{" "}
        <Link href={`/${role}/account#email-address`} className="font-semibold underline">
          Correct your email address
        </Link>
      </p>
    </div>
  );
}
