import { z } from "zod";

/** What the patient types to show they mean it; compared exactly, after trimming. */
export const DELETE_CONFIRMATION_WORD = "DELETE";

export const deleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password.").max(256),
  confirmation: z
    .string()
    .trim()
    .refine((value) => value === DELETE_CONFIRMATION_WORD, `Type ${DELETE_CONFIRMATION_WORD} in capitals to confirm.`),
});

export type DeleteAccountInput = z.output<typeof deleteAccountSchema>;
