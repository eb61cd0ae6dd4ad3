// Turns the /doctors query string into a search, leniently: a value that makes
// no sense (negative price, unknown specialization, a radius of 10^9, text that
// looks like SQL) is dropped with a notice saying so, and the rest of the
// search still runs. Nothing here throws, so a bad link is never a 500.
// Pure and client-safe: the form reads the same constants.

import type { DayPart } from "@/db/queries/search";
import { hasVisibleCharacters, withoutControlCharacters } from "@/lib/validation/text";
import { specializationNamedBy } from "./conditions";

export const WITHIN_OPTIONS = [
  { value: "", label: "Any time" },
  { value: "today", label: "Today" },
  { value: "3", label: "Within 3 days" },
  { value: "7", label: "Within 7 days" },
  { value: "14", label: "Within 14 days" },
] as const;

export const SORT_OPTIONS = [
  { value: "rating", label: "Rating" },
  { value: "price", label: "Price (lowest first)" },
  { value: "distance", label: "Distance" },
  { value: "earliest", label: "Earliest available" },
] as const;

export const MIN_RATING_OPTIONS = [
  { value: "", label: "Any rating" },
  { value: "3", label: "3 stars or more" },
  { value: "4", label: "4 stars or more" },
  { value: "4.5", label: "4.5 stars or more" },
] as const;

export type Within = "today" | "3" | "7" | "14";
export type SortKey = (typeof SORT_OPTIONS)[number]["value"];

export const PAGE_SIZE = 10;
export const RADIUS_KM = { min: 1, max: 500, default: 25 } as const;
export const MAX_PRICE = 100_000; // in major units; far above any consultation fee
export const MAX_YEARS = 70;
/** Pages deeper than this are refused: nobody reads result 1,000, but computing it would cost real work. */
export const MAX_PAGE = 50;
/** Availability-filtered searches evaluate every shown doctor with the slot engine, so they page less deep. */
export const MAX_AVAILABILITY_PAGE = 20;
const MAX_TEXT = 100;

export interface SpecializationOption {
  id: string;
  name: string;
  slug: string;
}

export interface SearchQuery {
  name?: string;
  specialization?: SpecializationOption;
  /** Codes in the places dataset, checked against it by the page (lib/places/search-place.ts). */
  country?: string;
  region?: string;
  city?: string;
  near?: "saved" | "here";
  point?: { latitude: number; longitude: number };
  radiusKm?: number;
  maxPrice?: number;
  minRating?: number;
  minYears?: number;
  within?: Within;
  sort: SortKey;
  page: number;
  timeZone?: string;
  dayParts?: DayPart[];
  language?: string;
}

export const DAY_PART_OPTIONS: { value: DayPart; label: string }[] = [
  { value: "mornings", label: "Mornings" },
  { value: "afternoons", label: "Afternoons" },
  { value: "evenings", label: "Evenings" },
  { value: "weekends", label: "Weekends" },
];

/** What the form shows back: the raw text of every accepted value. */
export type SearchFormValues = Record<
  | "q"
  | "specialization"
  | "country"
  | "region"
  | "city"
  | "near"
  | "lat"
  | "lng"
  | "radius"
  | "maxPrice"
  | "minRating"
  | "minYears"
  | "within"
  | "sort"
  | "tz"
  /** Comma-separated day parts, as the pagination links carry them. */
  | "hours"
  | "language",
  string
>;

export interface ParsedSearch {
  query: SearchQuery;
  values: SearchFormValues;
  notices: string[];
}

type RawParams = Record<string, string | string[] | undefined>;

function single(raw: RawParams, key: string): string | undefined {
  const value = raw[key];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  // Control characters never belong in a search (a NUL would reach PostgreSQL); text that
  // shows nothing (spaces, zero-width characters) means "not given".
  const cleaned = withoutControlCharacters(text).trim();
  return hasVisibleCharacters(cleaned) ? cleaned : undefined;
}

function number(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text)) return text === undefined ? undefined : Number.NaN;
  return Number(text);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseSearchParams(raw: RawParams, specializations: SpecializationOption[]): ParsedSearch {
  const notices: string[] = [];
  const query: SearchQuery = { sort: "rating", page: 1 };
  const values: SearchFormValues = {
    q: "",
    specialization: "",
    country: "",
    region: "",
    city: "",
    near: "",
    lat: "",
    lng: "",
    radius: "",
    maxPrice: "",
    minRating: "",
    minYears: "",
    within: "",
    sort: "rating",
    tz: "",
    hours: "",
    language: "",
  };

  // One box for "Specialty, doctor or condition": a specialization's name or a condition it
  // treats picks that specialization (unless one is chosen under Filters); anything else is a name.
  const name = single(raw, "q");
  const specialization = single(raw, "specialization");
  const named = name && !specialization ? specializationNamedBy(name, specializations) : undefined;
  if (named && name) {
    query.specialization = named;
    values.q = name.slice(0, MAX_TEXT);
  } else if (name) {
    query.name = name.slice(0, MAX_TEXT);
    values.q = query.name;
    if (name.length > MAX_TEXT) notices.push(`Names are matched on their first ${MAX_TEXT} characters.`);
  }

  if (specialization) {
    const match = specializations.find((s) => s.slug === specialization.toLowerCase() || s.name.toLowerCase() === specialization.toLowerCase());
    if (match) {
      query.specialization = match;
      values.specialization = match.slug;
    } else {
      notices.push(`We do not know the specialization "${specialization.slice(0, 40)}", so all specializations are shown.`);
    }
  }

  const city = single(raw, "city");
  if (city) {
    query.city = city.slice(0, MAX_TEXT);
    values.city = query.city;
  }

  parsePlace(raw, query, values, notices);

  const maxPrice = number(single(raw, "maxPrice"));
  if (maxPrice !== undefined) {
    if (Number.isFinite(maxPrice) && maxPrice >= 0 && maxPrice <= MAX_PRICE) {
      query.maxPrice = maxPrice;
      values.maxPrice = String(maxPrice);
    } else notices.push(`The max price must be a number from 0 to ${MAX_PRICE.toLocaleString("en-GB")}, so it was left out.`);
  }

  const minRating = number(single(raw, "minRating"));
  if (minRating !== undefined) {
    if (Number.isFinite(minRating) && minRating >= 1 && minRating <= 5) {
      query.minRating = minRating;
      values.minRating = String(minRating);
    } else notices.push("The minimum rating must be between 1 and 5, so it was left out.");
  }

  const minYears = number(single(raw, "minYears"));
  if (minYears !== undefined) {
    if (Number.isInteger(minYears) && minYears >= 0 && minYears <= MAX_YEARS) {
      query.minYears = minYears;
      values.minYears = String(minYears);
    } else notices.push(`Years of experience must be a whole number from 0 to ${MAX_YEARS}, so it was left out.`);
  }

  const within = single(raw, "within");
  if (within) {
    if (WITHIN_OPTIONS.some((o) => o.value === within && o.value !== "")) {
      query.within = within as Within;
      values.within = within;
    } else notices.push("“Available within” accepts today, 3, 7 or 14 days, so it was left out.");
  }

  parseLocation(raw, query, values, notices);
  parseWorkingHours(raw, query, values, notices);

  const language = single(raw, "language");
  if (language) {
    query.language = language.slice(0, 40);
    values.language = query.language;
  }

  const sort = single(raw, "sort");
  if (sort) {
    if (SORT_OPTIONS.some((o) => o.value === sort)) query.sort = sort as SortKey;
    else notices.push("That sort order is unknown, so results are sorted by rating.");
  }
  if (query.sort === "distance" && !query.point && query.near !== "saved") {
    notices.push("Sorting by distance needs a location: choose one under “Near”. Sorted by rating instead.");
    query.sort = "rating";
  }
  values.sort = query.sort;

  const page = number(single(raw, "page"));
  if (page !== undefined) {
    const limit = query.within || query.sort === "earliest" ? MAX_AVAILABILITY_PAGE : MAX_PAGE;
    if (Number.isInteger(page) && page >= 1 && page <= limit) query.page = page;
    else notices.push(`Pages go from 1 to ${limit}; showing the first page. Narrow the search to see other doctors.`);
  }

  const zone = single(raw, "tz");
  if (zone && zone.length <= 64 && isTimeZone(zone)) {
    query.timeZone = zone;
    values.tz = zone;
  }
  return { query, values, notices };
}

/** Country and region codes (the picker's values); whether they exist is the dataset's to say, on the server. */
function parsePlace(raw: RawParams, query: SearchQuery, values: SearchFormValues, notices: string[]) {
  const country = single(raw, "country");
  const region = single(raw, "region");
  if (country && !/^[A-Z]{2}$/.test(country)) {
    notices.push("That country is not one we know, so doctors in every country are shown.");
    return;
  }
  if (country) query.country = values.country = country;
  if (!region) return;
  if (!country) notices.push("A region needs its country: choose the country first. Doctors in every region are shown.");
  else if (!/^[A-Za-z0-9-]{1,12}$/.test(region)) notices.push("That region is not one we know, so the whole country is searched.");
  else query.region = values.region = region;
}

function parseWorkingHours(raw: RawParams, query: SearchQuery, values: SearchFormValues, notices: string[]) {
  const given = [raw.hours]
    .flat()
    .filter((value): value is string => typeof value === "string")
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
  if (given.length === 0) return;
  const known = DAY_PART_OPTIONS.map((option) => option.value).filter((part) => given.includes(part));
  if (known.length < new Set(given).size) notices.push("Working hours accept Mornings, Afternoons, Evenings and Weekends; the rest was left out.");
  if (known.length === 0) return;
  query.dayParts = known;
  values.hours = known.join(",");
}

function parseLocation(raw: RawParams, query: SearchQuery, values: SearchFormValues, notices: string[]) {
  const near = single(raw, "near");
  if (near && near !== "saved" && near !== "here") notices.push("“Near” accepts your saved location or your current location, so it was left out.");
  if (near === "saved") {
    query.near = "saved";
    values.near = "saved";
  }
  const lat = number(single(raw, "lat"));
  const lng = number(single(raw, "lng"));
  if (near === "here" || (near === undefined && (lat !== undefined || lng !== undefined))) {
    if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      query.near = "here";
      query.point = { latitude: lat, longitude: lng };
      values.near = "here";
      values.lat = String(lat);
      values.lng = String(lng);
    } else if (near === "here") {
      notices.push(
        "Your current location was not shared with the page (allow location access, or choose your saved location), so no distance filter was applied.",
      );
    } else {
      notices.push("The coordinates in the link are not valid, so no distance filter was applied.");
    }
  }
  const radius = number(single(raw, "radius"));
  if (radius !== undefined) {
    if (Number.isFinite(radius) && radius >= RADIUS_KM.min && radius <= RADIUS_KM.max) {
      query.radiusKm = radius;
      values.radius = String(radius);
    } else
      notices.push(
        `The radius must be between ${RADIUS_KM.min} and ${RADIUS_KM.max} km, so ${query.near ? `${RADIUS_KM.default} km was used` : "it was left out"}.`,
      );
  }
  if (query.near && query.radiusKm === undefined) query.radiusKm = RADIUS_KM.default;
  if (!query.near) query.radiusKm = undefined;
}

/** The query string of a search (for pagination links), without empty values. */
export function searchHref(values: SearchFormValues, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (!value) continue;
    if (key === "sort" && value === "rating") continue;
    params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/doctors?${text}` : "/doctors";
}
