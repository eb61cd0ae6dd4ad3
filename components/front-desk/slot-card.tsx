import type { ReactNode } from "react";
import { FrontDeskBookForm, type FrontDeskAction } from "@/components/front-desk/book-form";
import { FrontDeskSlotStep } from "@/components/front-desk/slot-step";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatMoney } from "@/lib/format";
import type { frontDeskPatientOr404 } from "@/lib/front-desk/routes";
import type { frontDeskSlots } from "@/lib/front-desk/slots";

type Slots = NonNullable<Awaited<ReturnType<typeof frontDeskSlots>>>;
type Patient = Awaited<ReturnType<typeof frontDeskPatientOr404>>;

/**
 * The doctor's free times and, once one is chosen, the booking form: the same
 * step for a doctor's own calendar and an admin booking with any doctor. When
 * the doctor takes no bookings, `closedNotice` says why and what to do.
 */
export function FrontDeskSlotCard({
  slots,
  patient,
  basePath,
  action,
  closedNotice,
}: {
  slots: Slots;
  patient: Patient;
  basePath: string;
  action: FrontDeskAction;
  closedNotice: (reason: string) => ReactNode;
}) {
  const doctor = slots.doctor;
  return (
    <Card>
      {slots.closed ? (
        <Notice tone="warning">{closedNotice(slots.closed)}</Notice>
      ) : (
        <FrontDeskSlotStep
          slots={slots}
          basePath={basePath}
          patientTimeZone={patient.timeZone}
          form={(startsAt, summary) => (
            <FrontDeskBookForm
              action={action}
              patientId={patient.id}
              doctorId={doctor.id}
              startsAt={startsAt}
              summary={`${patient.fullName}: ${summary}`}
              price={doctor.priceMinor > 0 ? formatMoney(doctor.priceMinor, doctor.currency) : null}
              paymentLinkAvailable={slots.paymentLinkAvailable}
            />
          )}
        />
      )}
    </Card>
  );
}
