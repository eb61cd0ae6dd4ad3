import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { users } from "../schema";

// The two people of an appointment, a payment or a review, as aliases of users
// so one query can join both: declared once, so every query names them alike.
export const doctorUser = alias(users, "doctor_user");
export const patientUser = alias(users, "patient_user");
