import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getAppointmentDetail } from "@/db/queries/appointments";

/** The appointment behind a patient page, or 404 when it is not theirs (ids cannot be probed). */
export async function patientAppointmentOr404(appointmentId: string, patientId: string) {
  if (!z.uuid().safeParse(appointmentId).success) notFound();
  const appointment = await getAppointmentDetail(getDb(), appointmentId);
  if (!appointment || appointment.patientId !== patientId) notFound();
  return appointment;
}

/** The same for the doctor portal: only the doctor's own appointments. */
export async function doctorAppointmentOr404(appointmentId: string, doctorId: string) {
  if (!z.uuid().safeParse(appointmentId).success) notFound();
  const appointment = await getAppointmentDetail(getDb(), appointmentId);
  if (!appointment || appointment.doctorId !== doctorId) notFound();
  return appointment;
}
