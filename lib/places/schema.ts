import { z } from "zod";

// The country and region fields every place picker sends (components/places/place-fields.tsx):
// codes from lib/places/dataset.ts, "" or absent meaning "not given". Shape only: whether the
// codes exist, and the city belongs to the region, is checked on the server (resolvePlace).

export const countryField = z
  .string()
  .trim()
  .regex(/^([A-Z]{2})?$/, "Choose a country from the list.")
  .optional()
  .transform((value) => value || null);

export const regionField = z
  .string()
  .trim()
  .regex(/^([A-Za-z0-9-]{1,12})?$/, "Choose a region from the list.")
  .optional()
  .transform((value) => value || null);
