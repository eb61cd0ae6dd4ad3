import { paymentLabel } from "@/lib/payments/policy";
import type { PaymentProvider, PaymentStatus } from "@/lib/vocabulary";

const tones: Record<PaymentStatus, string> = {
  requires_payment: "bg-amber-100 text-amber-900",
  paid: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  expired: "bg-slate-200 text-slate-800",
  due_at_visit: "bg-sky-100 text-sky-900",
  refunded: "bg-violet-100 text-violet-900",
  partially_refunded: "bg-violet-100 text-violet-900",
};

/** A payment's status in words (never colour alone), told apart by how it is paid. */
export function PaymentBadge({ provider, status }: { provider: PaymentProvider; status: PaymentStatus }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[status]}`}>{paymentLabel(provider, status)}</span>
  );
}
