// The domain's words for the rest of the app: roles and statuses as the
// database enums define them (db/schema/enums.ts), so lib/, app/, components/
// and inngest/ name them one way and never spell the unions out again.
import type { Role } from "@/db/schema/enums";

export { actorRole, appointmentStatus, paymentProvider, paymentStatus, refundKind, refundStatus, userRole } from "@/db/schema/enums";
export type { ActorRole, AppointmentStatus, PaymentProvider, PaymentStatus, RefundKind, RefundStatus, Role } from "@/db/schema/enums";

// The rows the UI renders, named here for components/, which import nothing from db/.
export type { AppointmentListItem } from "@/db/queries/appointments";
export type { PaymentListItem, Refund } from "@/db/queries/payments";
export type { RatingSummary } from "@/db/queries/reviews";

/** The signed-in user a service acts for, as the session says it. */
export type Actor = { id: string; role: Role };
