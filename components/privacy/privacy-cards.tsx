import { Card } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import type { FormState } from "@/lib/errors";
import { DeleteAccountForm } from "./delete-account-form";

/** "Download my data": a plain link to the route handler, so it works without JavaScript. */
export function DownloadDataCard() {
  return (
    <Card title="Download my data">
      <p className="mb-3 text-sm text-slate-600">
        One ZIP file with everything we hold about you: your profile and medical information, appointments with the summaries your doctors shared, payments and
        refunds, your reviews (in <code>data.json</code>), and every document and photo you uploaded.
      </p>
      <a href="/patient/data-export" download className={buttonClasses("secondary")}>
        Download my data
      </a>
    </Card>
  );
}

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function DeleteAccountCard({ action, upcoming, fullRefundHours }: { action: Action; upcoming: number; fullRefundHours: number }) {
  return (
    <Card title="Delete my account">
      <div className="mb-4 flex flex-col gap-2 text-sm text-slate-600">
        <p>
          Deleting your account erases your profile, medical information, uploaded documents, photo and reviews, and signs you out everywhere. Past appointments
          and payments stay, without your name, for your doctors&apos; records and the clinic&apos;s accounts. We email you when it is done.
        </p>
        {upcoming > 0 ? (
          <p className="font-medium text-slate-800">
            Your {upcoming === 1 ? "upcoming appointment is" : `${upcoming} upcoming appointments are`} cancelled first, and refunded as when you cancel: in
            full up to {fullRefundHours} hours before the start, nothing later.
          </p>
        ) : null}
      </div>
      <DeleteAccountForm action={action} />
    </Card>
  );
}
