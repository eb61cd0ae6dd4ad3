import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/validation/text";
import { userRole } from "@/lib/vocabulary";

// Shared by the admin forms (for the field names and limits) and the actions,
// which parse with them at the boundary (lib/actions.ts).

/** Ticked checkboxes: a form posts one as a single value, several as a list, none as nothing. */
const uuidList = (message: string) =>
  z.preprocess(
    (value) => (value === undefined ? [] : [value].flat()),
    z
      .array(z.uuid({ error: message }), { error: message })
      .min(1, message)
      .max(200, "Select at most 200 at a time.")
      .transform((ids) => [...new Set(ids)]),
  );

export const userIdsSchema = uuidList("Select at least one user.");
export const appointmentIdsSchema = uuidList("Select at least one appointment.");

export const roleSchema = z.enum(userRole.enumValues, { error: "Choose a role." });

export const changeRoleSchema = z.object({
  userId: z.uuid({ error: "That user does not exist." }),
  role: roleSchema,
});

export const setActiveSchema = z.object({
  userIds: userIdsSchema,
  active: z.boolean(),
});

const reason = (what: string) =>
  multiLineText({ error: `Give a reason ${what}.` })
    .min(3, `Give a reason ${what} (at least 3 characters).`)
    .max(500, "Keep the reason under 500 characters.");

export const rejectDoctorSchema = z.object({
  doctorId: z.uuid({ error: "That doctor does not exist." }),
  reason: reason("the doctor will read"),
});

export const doctorIdSchema = z.object({ doctorId: z.uuid({ error: "That doctor does not exist." }) });

export const specializationNameSchema = singleLineText({ error: "Enter a name." })
  .min(2, "Use at least 2 characters.")
  .max(60, "Keep the name under 60 characters.")
  .regex(/[\p{L}]/u, "The name needs at least one letter.");

export const createSpecializationSchema = z.object({ name: specializationNameSchema });
export const renameSpecializationSchema = z.object({ id: z.uuid({ error: "That specialization does not exist." }), name: specializationNameSchema });
export const specializationIdSchema = z.object({ id: z.uuid({ error: "That specialization does not exist." }) });

export const moderateReviewSchema = z.object({
  reviewId: z.uuid({ error: "That review does not exist." }),
  reason: reason("for the record"),
});

export const reviewIdSchema = z.object({ reviewId: z.uuid({ error: "That review does not exist." }) });

export const bulkCancelSchema = z.object({
  appointmentIds: appointmentIdsSchema,
  reason: reason("the patient and doctor will read"),
});

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/** The same ranges as the table's CHECK constraints, so a refusal is a message, never a 500. */
export const settingsSchema = z.object({
  cancellationWindowHours: wholeNumber("The cancellation window", 0, 720),
  bookingGraceMinutes: wholeNumber("The grace period after booking", 0, 1440),
  patientFullRefundHours: wholeNumber("The full-refund notice", 0, 720),
  reminderLeadMinutes: wholeNumber("The reminder lead time", 0, 10080),
  paymentHoldMinutes: wholeNumber("The payment hold", 5, 1440),
  sessionIdleMinutes: wholeNumber("The session timeout", 5, 1440),
  accountEmailsPerAddressPerHour: wholeNumber("The emails per address", 1, 100),
  accountEmailsPerIpPerHour: wholeNumber("The email requests per network", 1, 100000),
  registrationsPerIpPerHour: wholeNumber("The registrations per network", 1, 100000),
  signInAttemptsPerIpPer15Minutes: wholeNumber("The sign-in attempts per network", 1, 100000),
  emailBodyRetentionDays: wholeNumber("The email retention", 1, 3650),
  signInRecordRetentionDays: wholeNumber("The sign-in record retention", 1, 3650),
  maxActiveAppointmentsPerPatient: wholeNumber("The upcoming appointments per patient", 1, 100),
  maxActiveAppointmentsPerPatientPerDoctor: wholeNumber("The upcoming appointments per patient with one doctor", 1, 100),
});

export type SettingsInput = z.input<typeof settingsSchema>;

export const settingsLabels: Record<keyof z.output<typeof settingsSchema>, { label: string; hint: string; unit: string }> = {
  cancellationWindowHours: { label: "Cancellation window", unit: "hours", hint: "Patients may cancel or reschedule until this many hours before the visit." },
  bookingGraceMinutes: {
    label: "Grace period after booking",
    unit: "minutes",
    hint: "Patients can cancel or reschedule a visit they just booked within this time, even inside the cancellation window. 0 turns it off.",
  },
  patientFullRefundHours: {
    label: "Full refund notice",
    unit: "hours",
    hint: "A patient who cancels at least this many hours before gets a full refund; later, none.",
  },
  reminderLeadMinutes: { label: "Reminder lead time", unit: "minutes", hint: "How long before the visit the reminder email goes out (1440 = 24 hours)." },
  paymentHoldMinutes: { label: "Payment hold", unit: "minutes", hint: "How long an unpaid booking holds its slot while the patient pays." },
  sessionIdleMinutes: {
    label: "Session timeout",
    unit: "minutes",
    hint: "Signed-in users are signed out after this much inactivity (never longer than the server's own limit).",
  },
  accountEmailsPerAddressPerHour: {
    label: "Emails per address",
    unit: "per hour",
    hint: "Password reset links, address confirmations and registration notices one email address may receive in an hour, counted whether or not it has an account.",
  },
  accountEmailsPerIpPerHour: {
    label: "Email requests per network",
    unit: "per hour",
    hint: "Password resets and confirmation re-sends one IP address may ask for in an hour.",
  },
  registrationsPerIpPerHour: { label: "Registrations per network", unit: "per hour", hint: "New accounts one IP address may create in an hour." },
  signInAttemptsPerIpPer15Minutes: {
    label: "Sign-in attempts per network",
    unit: "per 15 minutes",
    hint: "Sign-in attempts from one IP address, across all accounts, in 15 minutes (each account also locks after 3 wrong passwords).",
  },
  emailBodyRetentionDays: {
    label: "Email retention",
    unit: "days",
    hint: "After this many days a sent email's text is deleted; who it went to, its subject and whether it was delivered stay in the delivery history.",
  },
  signInRecordRetentionDays: {
    label: "Sign-in record retention",
    unit: "days",
    hint: "Failed sign-in counts kept per email address are deleted this many days after the last attempt.",
  },
  maxActiveAppointmentsPerPatient: {
    label: "Upcoming appointments per patient",
    unit: "appointments",
    hint: "How many upcoming appointments (confirmed, or held while being paid) one patient may hold at once, with all doctors together.",
  },
  maxActiveAppointmentsPerPatientPerDoctor: {
    label: "Upcoming appointments per patient with one doctor",
    unit: "appointments",
    hint: "How many of those one patient may hold with the same doctor, so nobody can take a doctor's whole day.",
  },
};

/** "Require two-factor authentication for": the ticked roles ("admin", "doctor"); none ticked is none required. */
export const twoFactorPolicySchema = z
  .object({
    require: z.preprocess(
      (value) => (value === undefined ? [] : [value].flat()),
      z.array(z.enum(["admin", "doctor"], { error: "Choose admins, doctors or neither." })).max(2),
    ),
  })
  .transform(({ require }) => ({ requireTwoFactorAdmins: require.includes("admin"), requireTwoFactorDoctors: require.includes("doctor") }));
