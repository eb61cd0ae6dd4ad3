import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { ActionLinks, DetailList, formatAmount, formatWhen, paragraphStyle } from "./email-parts";

// Appointment emails, one per occasion and recipient. Times are always in the
// recipient's own zone, named. The reason for the visit is left out on
// purpose: email is not a private channel, and both portals show it.

export interface VisitFacts {
  doctorName: string;
  patientName: string;
  specialization?: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The recipient's zone: every time in the email is written in it. */
  timeZone: string;
  place?: string | null;
}

function visitItems(visit: VisitFacts, counterpart: "doctor" | "patient") {
  const minutes = Math.round((visit.endsAt.getTime() - visit.startsAt.getTime()) / 60_000);
  const items = [
    { label: "When", value: formatWhen(visit.startsAt, visit.timeZone) },
    { label: "Length", value: `${minutes} minutes` },
    counterpart === "doctor"
      ? { label: "Doctor", value: visit.specialization ? `${visit.doctorName}, ${visit.specialization}` : visit.doctorName }
      : { label: "Patient", value: visit.patientName },
  ];
  if (visit.place) items.push({ label: "Where", value: visit.place });
  return items;
}

export interface PatientLinks {
  detailUrl: string;
  rescheduleUrl: string;
  cancelUrl: string;
}

const patientActions = (links: PatientLinks) => [
  { label: "Reschedule", href: links.rescheduleUrl },
  { label: "Cancel appointment", href: links.cancelUrl },
];

/** Who booked at the front desk, as the other side reads it. */
const bookedByWords = (bookedBy: "doctor" | "admin", doctorName: string) => (bookedBy === "doctor" ? doctorName : "The clinic");

export function BookingConfirmationPatientEmail({ visit, links, bookedBy }: { visit: VisitFacts; links: PatientLinks; bookedBy?: "doctor" | "admin" }) {
  return (
    <EmailLayout preview={`Your visit with ${visit.doctorName} is booked`} heading="Your appointment is confirmed">
      <Text style={paragraphStyle}>Hello {visit.patientName},</Text>
      {bookedBy ? <Text style={paragraphStyle}>{bookedByWords(bookedBy, visit.doctorName)} booked this appointment for you.</Text> : null}
      <Text style={paragraphStyle}>Your appointment with {visit.doctorName} is booked. The attached calendar file adds it to your calendar.</Text>
      <DetailList items={visitItems(visit, "doctor")} />
      <Text style={paragraphStyle}>Plans changed? You can move or cancel the visit online, within the clinic&apos;s cancellation policy.</Text>
      <ActionLinks links={patientActions(links)} />
    </EmailLayout>
  );
}

export function BookingConfirmationDoctorEmail({ visit, detailUrl, bookedBy }: { visit: VisitFacts; detailUrl: string; bookedBy?: "doctor" | "admin" }) {
  const who = bookedBy === "doctor" ? "You booked" : bookedBy === "admin" ? "The clinic booked" : null;
  return (
    <EmailLayout preview={`New appointment with ${visit.patientName}`} heading="New appointment booked">
      <Text style={paragraphStyle}>Hello {visit.doctorName},</Text>
      <Text style={paragraphStyle}>
        {who ? `${who} an appointment with you for ${visit.patientName}.` : `${visit.patientName} booked an appointment with you.`}
      </Text>
      <DetailList items={visitItems(visit, "patient")} />
      <ActionLinks links={[{ label: "Open the appointment", href: detailUrl }]} />
    </EmailLayout>
  );
}

const cancellers: Record<string, string> = { you: "you", patient: "the patient", doctor: "the doctor", admin: "the clinic", system: "Careslot" };

export function CancellationEmail({
  visit,
  recipient,
  cancelledBy,
  reason,
  nextUrl,
}: {
  visit: VisitFacts;
  recipient: "patient" | "doctor";
  cancelledBy: string;
  reason: string;
  nextUrl: string;
}) {
  const name = recipient === "patient" ? visit.patientName : visit.doctorName;
  const counterpart = recipient === "patient" ? "doctor" : "patient";
  return (
    <EmailLayout preview={`Appointment on ${formatWhen(visit.startsAt, visit.timeZone)} cancelled`} heading="Appointment cancelled">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        This appointment was cancelled by {cancellers[cancelledBy] ?? "the clinic"}. The attached calendar file removes it from your calendar.
      </Text>
      <DetailList items={[...visitItems(visit, counterpart), ...(reason ? [{ label: "Reason given", value: reason }] : [])]} />
      <ActionLinks links={[recipient === "patient" ? { label: "Book another time", href: nextUrl } : { label: "Open your appointments", href: nextUrl }]} />
    </EmailLayout>
  );
}

export function RescheduleEmail({
  visit,
  recipient,
  previousStartsAt,
  links,
}: {
  visit: VisitFacts;
  recipient: "patient" | "doctor";
  previousStartsAt: Date;
  links: { detailUrl: string } & Partial<PatientLinks>;
}) {
  const name = recipient === "patient" ? visit.patientName : visit.doctorName;
  const counterpart = recipient === "patient" ? "doctor" : "patient";
  const actions =
    recipient === "patient" && links.rescheduleUrl && links.cancelUrl
      ? patientActions(links as PatientLinks)
      : [{ label: "Open the appointment", href: links.detailUrl }];
  return (
    <EmailLayout preview={`Appointment moved to ${formatWhen(visit.startsAt, visit.timeZone)}`} heading="Appointment moved">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>The appointment has a new time. The attached calendar file updates the entry already in your calendar.</Text>
      <DetailList items={[{ label: "Previously", value: formatWhen(previousStartsAt, visit.timeZone) }, ...visitItems(visit, counterpart)]} />
      <ActionLinks links={actions} />
    </EmailLayout>
  );
}

export function ReminderEmail({ visit, links }: { visit: VisitFacts; links: PatientLinks }) {
  return (
    <EmailLayout preview={`Reminder: ${visit.doctorName}, ${formatWhen(visit.startsAt, visit.timeZone)}`} heading="Your appointment is coming up">
      <Text style={paragraphStyle}>Hello {visit.patientName},</Text>
      <Text style={paragraphStyle}>A reminder of your appointment with {visit.doctorName}.</Text>
      <DetailList items={visitItems(visit, "doctor")} />
      <Text style={paragraphStyle}>If you cannot come, please cancel or move it so another patient can have the time.</Text>
      <ActionLinks links={[{ label: "View appointment", href: links.detailUrl }, ...patientActions(links)]} />
    </EmailLayout>
  );
}

export function PaymentLinkEmail({
  visit,
  amountMinor,
  currency,
  holdExpiresAt,
  payUrl,
}: {
  visit: VisitFacts;
  amountMinor: number;
  currency: string;
  holdExpiresAt: Date;
  payUrl: string;
}) {
  return (
    <EmailLayout preview={`Pay to confirm your visit with ${visit.doctorName}`} heading="Pay to confirm your appointment">
      <Text style={paragraphStyle}>Hello {visit.patientName},</Text>
      <Text style={paragraphStyle}>
        The clinic booked an appointment with {visit.doctorName} for you. Pay {formatAmount(amountMinor, currency)} online by{" "}
        {formatWhen(holdExpiresAt, visit.timeZone)} to confirm it; after that the time is released.
      </Text>
      <DetailList items={visitItems(visit, "doctor")} />
      <ActionLinks links={[{ label: "Pay now", href: payUrl }]} />
    </EmailLayout>
  );
}
