import { z } from "zod";
import { singleLineText } from "@/lib/validation/text";

export const recordTypeLabels = {
  lab_result: "Lab result",
  prescription: "Prescription",
  imaging: "Imaging",
  other: "Other",
} as const;

export type RecordType = keyof typeof recordTypeLabels;

export const recordTypeSchema = z.enum(Object.keys(recordTypeLabels) as [RecordType, ...RecordType[]], { error: "Choose a document type." });

export const recordDetailsSchema = z.object({
  title: singleLineText({ error: "Give the document a title." })
    .min(2, "Give the document a title (at least 2 characters).")
    .max(120, "Keep the title under 120 characters."),
  recordType: recordTypeSchema,
});

export const recordIdSchema = z.uuid({ error: "That document does not exist." });

export const shareSchema = z.object({
  recordId: recordIdSchema,
  appointmentId: z.uuid({ error: "Choose one of your appointments." }),
});
