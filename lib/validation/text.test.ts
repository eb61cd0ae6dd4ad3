// Every text field of every shared schema, and every date, replayed with the
// input that reached a 500 (a NUL byte reached PostgreSQL; a year 10000 date
// overflowed SQL) or slipped through (a name of zero-width spaces): each is a
// field message now, and the ordinary input next to it still passes.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { appointmentFilterSchema } from "@/lib/admin/appointments";
import { auditFilterSchema } from "@/lib/admin/audit";
import { bulkCancelSchema, createSpecializationSchema, moderateReviewSchema, rejectDoctorSchema, renameSpecializationSchema } from "@/lib/admin/schemas";
import { registerSchema, resetPasswordSchema, signInSchema } from "@/lib/auth/schemas";
import { calendarRangeSchema } from "@/lib/availability/calendar-range";
import { dateOverrideSchema } from "@/lib/availability/schemas";
import { bookSchema, cancelSchema, consultationNoteSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { fieldErrorsOf } from "@/lib/errors";
import { paymentFilterSchema, refundFormSchema } from "@/lib/payments/schemas";
import { doctorProfileSchema, patientProfileSchema } from "@/lib/profiles/schemas";
import { recordDetailsSchema } from "@/lib/records/schemas";
import { generateReportSchema, isMonth } from "@/lib/reports/month";
import { replySchema, reportSchema, reviewSchema } from "@/lib/reviews/schemas";
import { parseSearchParams } from "@/lib/search/params";
import { sanitiseFileName } from "@/lib/storage/uploads";
import {
  CONTROL_CHARACTERS_MESSAGE,
  DATE_RANGE_MESSAGE,
  INVISIBLE_ONLY_MESSAGE,
  boundedDate,
  hasVisibleCharacters,
  multiLineText,
  singleLineText,
} from "./text";

const ID = "7b0c7a52-1f0e-4a57-9d6b-0f4f5e2c8a11";
const ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff";

interface Case {
  schema: z.ZodType;
  valid: Record<string, unknown>;
  singleLine?: string[];
  multiLine?: string[];
  /** Fields where a value of only invisible characters must be refused (names, titles). */
  names?: string[];
}

const doctorProfile = {
  specializationId: ID,
  yearsExperience: "10",
  clinicName: "Praxis Mitte",
  price: "60",
  currency: "EUR",
  bio: "Family doctor.",
  languages: "German, English",
  address: "Hauptstraße 1",
  city: "Berlin",
  latitude: "",
  longitude: "",
};
const patientProfile = {
  fullName: "Pat Example",
  phone: "",
  dateOfBirth: "1980-05-01",
  gender: "",
  city: "Berlin",
  latitude: "",
  longitude: "",
  timeZone: "Europe/Berlin",
  allergies: "Penicillin",
  chronicConditions: "Asthma",
  currentMedications: "Salbutamol",
  bloodType: "",
  emergencyContactName: "Sam Example",
  emergencyContactPhone: "",
};

const cases: Record<string, Case> = {
  register: {
    schema: registerSchema,
    valid: { fullName: "Ann Example", email: "ann@example.test", password: "a long enough password", role: "patient" },
    singleLine: ["fullName"],
    names: ["fullName"],
  },
  resetPassword: { schema: resetPasswordSchema, valid: { token: "abcdefghijklmnop", password: "a long enough password" }, singleLine: ["token"] },
  rejectDoctor: { schema: rejectDoctorSchema, valid: { doctorId: ID, reason: "The licence number does not match." }, multiLine: ["reason"] },
  createSpecialization: { schema: createSpecializationSchema, valid: { name: "Cardiology" }, singleLine: ["name"], names: ["name"] },
  renameSpecialization: { schema: renameSpecializationSchema, valid: { id: ID, name: "Cardiology" }, singleLine: ["name"], names: ["name"] },
  moderateReview: { schema: moderateReviewSchema, valid: { reviewId: ID, reason: "Names another patient." }, multiLine: ["reason"] },
  bulkCancel: { schema: bulkCancelSchema, valid: { appointmentIds: [ID], reason: "The clinic is closed." }, multiLine: ["reason"] },
  book: { schema: bookSchema, valid: { doctorId: ID, startsAt: "2030-03-05T09:00:00Z", reason: "Check-up" }, multiLine: ["reason"] },
  cancel: { schema: cancelSchema, valid: { appointmentId: ID, reason: "I am travelling." }, multiLine: ["reason"] },
  consultationNote: {
    schema: consultationNoteSchema,
    valid: { appointmentId: ID, body: "Blood pressure normal.", patientSummary: "All well." },
    multiLine: ["body", "patientSummary"],
  },
  refund: { schema: refundFormSchema, valid: { paymentId: ID, amount: "12.50", reason: "Goodwill." }, multiLine: ["reason"] },
  doctorProfile: {
    schema: doctorProfileSchema,
    valid: doctorProfile,
    singleLine: ["clinicName", "languages", "address", "city"],
    multiLine: ["bio"],
    names: ["clinicName"],
  },
  patientProfile: {
    schema: patientProfileSchema,
    valid: patientProfile,
    singleLine: ["fullName", "city", "emergencyContactName"],
    multiLine: ["allergies", "chronicConditions", "currentMedications"],
    names: ["fullName", "emergencyContactName"],
  },
  recordDetails: { schema: recordDetailsSchema, valid: { title: "Blood test", recordType: "lab_result" }, singleLine: ["title"], names: ["title"] },
  review: { schema: reviewSchema, valid: { rating: "5", body: "Careful and kind, thank you." }, multiLine: ["body"] },
  reply: { schema: replySchema, valid: { reviewId: ID, reply: "Thank you!" }, multiLine: ["reply"] },
  report: { schema: reportSchema, valid: { reviewId: ID, reason: "It names another patient." }, multiLine: ["reason"] },
  appointmentFilter: { schema: appointmentFilterSchema, valid: { doctor: "weber", patient: "pat" }, singleLine: ["doctor", "patient"] },
  auditFilter: {
    schema: auditFilterSchema,
    valid: { actor: "admin", action: "user.deactivated", entityType: "user", entityId: ID },
    singleLine: ["actor", "action", "entityType", "entityId"],
  },
};

function errorsOn(schema: z.ZodType, input: unknown, field: string): string[] | undefined {
  const parsed = schema.safeParse(input);
  return parsed.success ? undefined : fieldErrorsOf(parsed.error)[field];
}

describe("every text field of every shared schema", () => {
  for (const [name, { schema, valid, singleLine = [], multiLine = [], names = [] }] of Object.entries(cases)) {
    describe(name, () => {
      it("accepts the ordinary input", () => {
        expect(schema.safeParse(valid).error?.issues).toBeUndefined();
      });

      it.each([...singleLine, ...multiLine])("refuses a NUL byte or another control character in %s, with a field message", (field) => {
        for (const bad of ["Marker\u0000Text", "Marker\u001b[31mText", "Marker\u007fText", "Marker\u0085Text"]) {
          expect(errorsOn(schema, { ...valid, [field]: bad }, field), JSON.stringify(bad)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
        }
      });

      it.each(singleLine)("refuses a line break or a tab in the single-line %s", (field) => {
        expect(errorsOn(schema, { ...valid, [field]: "first\nsecond" }, field)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
        expect(errorsOn(schema, { ...valid, [field]: "first\tsecond" }, field)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
      });

      it.each(multiLine)("keeps line breaks and tabs in the multi-line %s", (field) => {
        const parsed = schema.safeParse({ ...valid, [field]: "First line,\r\nsecond line\twith a tab." });
        expect(parsed.error?.issues).toBeUndefined();
        expect((parsed.data as Record<string, unknown>)[field]).toBe("First line,\r\nsecond line\twith a tab.");
      });

      it.each(names)("refuses a %s made only of invisible characters", (field) => {
        expect(errorsOn(schema, { ...valid, [field]: ZERO_WIDTH }, field)).toEqual([INVISIBLE_ONLY_MESSAGE]);
        expect(errorsOn(schema, { ...valid, [field]: "\u3164\u3164\u3164" }, field)).toEqual([INVISIBLE_ONLY_MESSAGE]);
      });
    });
  }
});

describe("dates: years 1900 to 9998, with a field message", () => {
  const dated: [string, z.ZodType, Record<string, unknown>, string][] = [
    ["appointment filter", appointmentFilterSchema, {}, "to"],
    ["audit filter", auditFilterSchema, {}, "to"],
    ["payment filter", paymentFilterSchema, {}, "to"],
    ["date override", dateOverrideSchema, { kind: "closed" }, "date"],
    ["calendar range", calendarRangeSchema, { start: "9999-12-30" }, "end"],
  ];
  it.each(dated)("%s: 9999-12-31 is refused on its field, 9998-12-31 is accepted", (_name, schema, rest, field) => {
    expect(errorsOn(schema, { ...rest, [field]: "9999-12-31" }, field)).toEqual([DATE_RANGE_MESSAGE]);
    expect(errorsOn(schema, { ...rest, [field]: "1899-12-31" }, field)).toEqual([DATE_RANGE_MESSAGE]);
    const fine = field === "end" ? { start: "9998-12-30", end: "9998-12-31" } : { ...rest, [field]: "9998-12-31" };
    expect(schema.safeParse(fine).error?.issues).toBeUndefined();
  });

  it("a booking time in year 9999, and a report month past 9998, are refused", () => {
    expect(errorsOn(bookSchema, { ...cases.book!.valid, startsAt: "9999-12-31T10:00:00Z" }, "startsAt")).toEqual([DATE_RANGE_MESSAGE]);
    expect(errorsOn(rescheduleSchema, { appointmentId: ID, startsAt: "1800-01-01T10:00:00+01:00" }, "startsAt")).toEqual([DATE_RANGE_MESSAGE]);
    expect(errorsOn(generateReportSchema, { month: "9999-12" }, "month")).toEqual([DATE_RANGE_MESSAGE]);
    expect(isMonth("9999-12")).toBe(false);
    expect(isMonth("2030-03")).toBe(true);
  });

  it("a malformed date gets one message, not two", () => {
    expect(
      boundedDate()
        .safeParse("yesterday")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["Use a date like 2026-03-31."]);
    expect(
      boundedDate()
        .safeParse("2030-02-30")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["Use a date like 2026-03-31."]);
  });
});

describe("the helpers", () => {
  it("trim, and let the field's own limits follow", () => {
    const name = singleLineText({ error: "Enter a name." }).min(2, "Enter a name.");
    expect(name.parse("  Zoë  ")).toBe("Zoë");
    expect(name.parse("محمد")).toBe("محمد");
    expect(name.safeParse(undefined).error?.issues.map((issue) => issue.message)).toEqual(["Enter a name."]);
    expect(multiLineText().parse("")).toBe("");
  });

  it("see letters behind joiners and marks, and nothing in fillers", () => {
    expect(hasVisibleCharacters("👩‍⚕️")).toBe(true);
    expect(hasVisibleCharacters("a\u200b")).toBe(true);
    expect(hasVisibleCharacters(` \u00a0${ZERO_WIDTH}\u2800\u034f`)).toBe(false);
  });
});

describe("file names", () => {
  it("lose bidirectional controls, so a name displays as what it is", () => {
    expect(sanitiseFileName("invoice\u202efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitiseFileName("\u2066report\u2069\u200f.pdf")).toBe("report.pdf");
  });

  it("lose every control character, C1 ones too, and a name that shows nothing becomes 'file'", () => {
    expect(sanitiseFileName("lab\u0000\u0085\u009bresult.pdf")).toBe("labresult.pdf");
    expect(sanitiseFileName(ZERO_WIDTH)).toBe("file");
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
  });
});

describe("the sign-in return path", () => {
  it("is dropped, not refused, when it carries a control character (a redirect header cannot hold one)", () => {
    expect(signInSchema.parse({ email: "ann@example.test", password: "x", next: "/patient\u0000" }).next).toBeUndefined();
    expect(signInSchema.parse({ email: "ann@example.test", password: "x", next: "/patient/appointments" }).next).toBe("/patient/appointments");
  });
});

describe("search parameters", () => {
  it("drop control characters and treat invisible-only text as not given", () => {
    const { query } = parseSearchParams({ q: "Weber\u0000", city: ZERO_WIDTH }, []);
    expect(query.name).toBe("Weber");
    expect(query.city).toBeUndefined();
  });
});
