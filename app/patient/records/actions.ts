"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { recordDetailsSchema, recordIdSchema, shareSchema } from "@/lib/records/schemas";
import { deleteRecord, shareRecord, unshareRecord, uploadRecord } from "@/lib/records/service";
import { fileSchema } from "@/lib/storage/uploads";

function done(message: string): string {
  revalidatePath("/patient/records");
  return message;
}

export const uploadRecordAction = action({
  access: ["patient"],
  schema: recordDetailsSchema.extend({ file: fileSchema }),
  invalid: "Some fields need your attention. Nothing was uploaded.",
  run: async (input, { user, db }) => {
    const record = await uploadRecord(db, user, input);
    return done(`"${record.title}" uploaded. Only you can see it until you share it with a doctor.`);
  },
});

export const deleteRecordAction = action({
  access: ["patient"],
  schema: z.object({ recordId: recordIdSchema }),
  invalid: "That document does not exist.",
  run: async (input, { user, db }) => {
    await deleteRecord(db, user, input);
    revalidatePath("/patient/records");
    // The document leaves the list, so the confirmation is shown at the top of the page.
    redirect("/patient/records?notice=deleted");
  },
});

export const shareRecordAction = action({
  access: ["patient"],
  schema: shareSchema,
  invalid: "Choose a document and one of your appointments.",
  run: async (input, { user, db }) => {
    const { shared } = await shareRecord(db, user, input);
    return done(shared ? "Shared. The doctor can open it from that appointment." : "It was already shared on that appointment.");
  },
});

export const unshareRecordAction = action({
  access: ["patient"],
  schema: shareSchema,
  invalid: "Choose a document and one of your appointments.",
  run: async (input, { user, db }) => {
    const { unshared } = await unshareRecord(db, user, input);
    return done(unshared ? "No longer shared. The doctor cannot open it any more." : "It was not shared on that appointment.");
  },
});
