import { z } from "zod";

// Building blocks shared by the API's contracts.

export const idParams = (what: string) => z.object({ id: z.uuid({ error: `That ${what} does not exist.` }).meta({ description: `The ${what}'s id.` }) });

export const instantOut = z.iso.datetime({ offset: true }).meta({ description: "An instant, ISO 8601 with its offset." });

export const moneySchema = z
  .object({ amount_minor: z.int().meta({ description: "In the currency's minor unit (cents)." }), currency: z.string().length(3) })
  .meta({ id: "Money" });

export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
