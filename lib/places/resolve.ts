import "server-only";
import { AppError, type FormChoices } from "@/lib/errors";
import { findCity, findCountry, findRegion, pickerOptions } from "./dataset";
import { PLACE_STEP } from "./field-names";

export interface PlaceInput {
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ResolvedPlace {
  countryCode: string | null;
  regionCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Checks a chosen place against the dataset and fills the coordinates from the
 * city when none were given (a doctor's own, refined ones are kept). A city
 * without a country is a place saved before the pickers existed: kept as typed.
 * Refuses, with the field to fix, anything the pickers would not have offered.
 */
export function resolvePlace(input: PlaceInput): ResolvedPlace {
  const { country, region, city } = input;
  const coordinates = { latitude: input.latitude, longitude: input.longitude };
  if (!country) {
    if (region) throw refusal("country", "Choose the country first, then its region.");
    return { countryCode: null, regionCode: null, city, ...coordinates };
  }
  const countryName = findCountry(country)?.name;
  if (!countryName) throw refusal("country", "Choose a country from the list.");
  if (!region) {
    if (city) throw refusal("region", `Choose a region of ${countryName}, then the city.`);
    return { countryCode: country, regionCode: null, city: null, ...coordinates };
  }
  const regionName = findRegion(country, region)?.name;
  if (!regionName) throw refusal("region", `Choose a region of ${countryName} from the list.`);
  if (!city) return { countryCode: country, regionCode: region, city: null, ...coordinates };
  const found = findCity(country, region, city);
  if (!found) throw refusal("city", `Choose a city of ${regionName} from the list.`);
  const given = coordinates.latitude !== null && coordinates.longitude !== null;
  return {
    countryCode: country,
    regionCode: region,
    city: found.name,
    latitude: given ? coordinates.latitude : found.latitude,
    longitude: given ? coordinates.longitude : found.longitude,
  };
}

function refusal(field: "country" | "region" | "city", message: string): AppError {
  return new AppError("invalid_input", message, { [field]: [message] });
}

/** The lists a refused form without JavaScript needs for the country and region it sent (ActionSpec.choices). */
export function placeFormChoices(raw: unknown): FormChoices | undefined {
  const fields = (raw ?? {}) as Record<string, unknown>;
  const country = typeof fields.country === "string" ? fields.country.trim() : "";
  const region = typeof fields.region === "string" ? fields.region.trim() : "";
  if (!country) return undefined;
  const { regions, cities } = pickerOptions(country, region || null);
  return { region: regions, city: cities };
}

/** Refuses a press of the picker's step button (no JavaScript): the form comes back with the next list, nothing saved. */
export function refusePlaceStep(formData: FormData | null): void {
  if (formData?.has(PLACE_STEP)) throw new AppError("invalid_input", "Now choose from the updated lists, then save. Nothing was saved yet.");
}
