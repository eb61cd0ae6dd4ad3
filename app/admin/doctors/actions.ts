"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { approveDoctor, rejectDoctor } from "@/lib/admin/doctors";
import { doctorIdSchema, rejectDoctorSchema } from "@/lib/admin/schemas";

/** Which list the admin came from, so the redirect lands back on it. */
const view = z.string().optional();

export const approveDoctorAction = action({
  access: ["admin"],
  schema: doctorIdSchema.extend({ view }),
  run: async ({ doctorId, view }, { user, db, now }) => {
    await approveDoctor(db, user, { doctorId }, now);
    revalidatePath("/doctors");
    redirect(`/admin/doctors?status=${view === "rejected" ? "rejected" : "pending"}&notice=approved`);
  },
});

export const rejectDoctorAction = action({
  access: ["admin"],
  schema: rejectDoctorSchema.extend({ view }),
  run: async ({ doctorId, reason, view }, { user, db }) => {
    await rejectDoctor(db, user, { doctorId, reason });
    revalidatePath("/doctors");
    redirect(`/admin/doctors?status=${view === "verified" ? "verified" : "pending"}&notice=rejected`);
  },
});
