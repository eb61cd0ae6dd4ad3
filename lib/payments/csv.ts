import { stringify } from "csv-stringify/sync";
import type { PaymentListItem } from "@/db/queries/payments";
import { paymentLabel, paymentMethodLabels } from "./policy";

/** A cell a spreadsheet would run as a formula (= + - @) is kept as text; quoting is csv-stringify's job. */
const text = (value: string | null) => (!value ? "" : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const decimal = (minor: number) => (minor / 100).toFixed(2);

const columns = [
  { key: "id", header: "Payment id" },
  { key: "createdAt", header: "Created (UTC)" },
  { key: "paidAt", header: "Paid (UTC)" },
  { key: "status", header: "Status" },
  { key: "method", header: "Method" },
  { key: "amount", header: "Amount" },
  { key: "fromWallet", header: "Paid from wallet" },
  { key: "refunded", header: "Refunded" },
  { key: "net", header: "Net" },
  { key: "currency", header: "Currency" },
  { key: "doctor", header: "Doctor" },
  { key: "patient", header: "Patient" },
  { key: "patientEmail", header: "Patient email" },
  { key: "appointmentId", header: "Appointment id" },
  { key: "visit", header: "Visit (UTC)" },
  { key: "stripePaymentIntent", header: "Stripe payment intent" },
] as const;

/** The admin's payment list as CSV, one row per payment, amounts as plain decimals a spreadsheet can sum. */
export function paymentsToCsv(rows: PaymentListItem[]): string {
  return stringify(
    rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      paidAt: row.paidAt?.toISOString() ?? "",
      status: paymentLabel(row.provider, row.status),
      method: paymentMethodLabels[row.provider],
      amount: decimal(row.amountMinor),
      // The part of the amount the patient's wallet paid (a visit is paid whole from the wallet or not at all).
      fromWallet: decimal(row.provider === "wallet" && row.paidAt ? row.amountMinor : 0),
      refunded: decimal(row.refundedMinor),
      net: decimal(row.paidAt ? row.amountMinor - row.refundedMinor : 0),
      currency: row.currency,
      doctor: text(row.doctorName),
      patient: text(row.patientName),
      patientEmail: text(row.patientEmail),
      appointmentId: row.appointmentId,
      visit: row.appointmentStartsAt.toISOString(),
      stripePaymentIntent: row.stripePaymentIntentId ?? "",
    })),
    { header: true, columns: [...columns] },
  );
}
