import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedText, id, instant, timestamps } from "./columns";
import { users } from "./users";

export const specializations = pgTable(
  "specializations",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("specializations_name_lower_key").on(sql`lower(${t.name})`), uniqueIndex("specializations_slug_key").on(t.slug)],
);

export const verificationStatus = pgEnum("verification_status", ["pending", "verified", "rejected"]);

export const patientProfiles = pgTable(
  "patient_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    phone: text("phone"),
    /** The mobile number text messages go to (E.164), set only once confirmed by an SMS code. */
    mobilePhone: text("mobile_phone"),
    mobileVerifiedAt: instant("mobile_verified_at"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    gender: text("gender"),
    // ISO 3166-1 alpha-2 and the dataset's region code (lib/places/dataset.ts); city is the dataset's city name.
    countryCode: text("country_code"),
    regionCode: text("region_code"),
    city: text("city"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    timeZone: text("time_zone").notNull().default("UTC"),
    photoKey: text("photo_key"),
    // Shared only with doctors the patient has booked, on that patient's appointments. Encrypted by the app (db/crypto.ts).
    allergies: encryptedText("patient_profiles", "allergies"),
    chronicConditions: encryptedText("patient_profiles", "chronic_conditions"),
    currentMedications: encryptedText("patient_profiles", "current_medications"),
    bloodType: encryptedText("patient_profiles", "blood_type"),
    emergencyContactName: encryptedText("patient_profiles", "emergency_contact_name"),
    emergencyContactPhone: encryptedText("patient_profiles", "emergency_contact_phone"),
    ...timestamps(),
  },
  (t) => [check("patient_profiles_country_code_shape", sql`${t.countryCode} is null or ${t.countryCode} ~ '^[A-Z]{2}$'`)],
);

export const doctorProfiles = pgTable(
  "doctor_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    specializationId: uuid("specialization_id").references(() => specializations.id, { onDelete: "restrict" }),
    priceMinor: integer("price_minor").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    bio: text("bio").notNull().default(""),
    clinicName: text("clinic_name"),
    yearsExperience: integer("years_experience").notNull().default(0),
    address: text("address"),
    // ISO 3166-1 alpha-2 and the dataset's region code (lib/places/dataset.ts); city is the dataset's city name.
    countryCode: text("country_code"),
    regionCode: text("region_code"),
    city: text("city"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    timeZone: text("time_zone").notNull().default("UTC"),
    slotMinutes: integer("slot_minutes").notNull().default(30),
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    minimumNoticeHours: integer("minimum_notice_hours").notNull().default(2),
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(60),
    acceptingBookings: boolean("accepting_bookings").notNull().default(true),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    photoKey: text("photo_key"),
    verificationStatus: verificationStatus("verification_status").notNull().default("pending"),
    verifiedAt: instant("verified_at"),
    rejectionReason: text("rejection_reason"),
    ...timestamps(),
  },
  (t) => [
    index("doctor_profiles_specialization_id_idx").on(t.specializationId),
    index("doctor_profiles_city_lower_idx").on(sql`lower(${t.city})`),
    // Search's region filter: country, then region.
    index("doctor_profiles_country_region_idx").on(t.countryCode, t.regionCode),
    index("doctor_profiles_verification_status_idx").on(t.verificationStatus),
    check("doctor_profiles_price_nonnegative", sql`${t.priceMinor} >= 0`),
    check("doctor_profiles_currency_shape", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("doctor_profiles_slot_minutes_range", sql`${t.slotMinutes} between 10 and 120`),
    check("doctor_profiles_buffer_range", sql`${t.bufferMinutes} between 0 and 120`),
    check("doctor_profiles_notice_range", sql`${t.minimumNoticeHours} between 0 and 720`),
    check("doctor_profiles_horizon_range", sql`${t.bookingHorizonDays} between 1 and 365`),
    check("doctor_profiles_latitude_range", sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check("doctor_profiles_country_code_shape", sql`${t.countryCode} is null or ${t.countryCode} ~ '^[A-Z]{2}$'`),
    check("doctor_profiles_region_needs_country", sql`${t.regionCode} is null or ${t.countryCode} is not null`),
    check("doctor_profiles_longitude_range", sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
  ],
);
