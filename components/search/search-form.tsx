import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import {
  MAX_PRICE,
  MAX_YEARS,
  MIN_RATING_OPTIONS,
  RADIUS_KM,
  SORT_OPTIONS,
  WITHIN_OPTIONS,
  DAY_PART_OPTIONS,
  type SearchFormValues,
  type SpecializationOption,
} from "@/lib/search/params";
import { BrowserZoneField } from "./browser-zone-field";
import { LocationField } from "./location-field";
import { SelectField } from "@/components/ui/field";
import { PlaceFields, type PlaceOptions } from "@/components/places/place-fields";

interface SearchFormProps {
  values: SearchFormValues;
  specializations: SpecializationOption[];
  languages: string[];
  canUseSavedLocation: boolean;
  /** The country list, the chosen country's regions and the chosen region's cities. */
  places: PlaceOptions;
}

/** The filters besides the two-field search (what and where) that are set: what the "Filters" button counts. */
export function activeFilterCount(values: SearchFormValues): number {
  const keys = ["specialization", "near", "radius", "maxPrice", "minRating", "minYears", "within", "language"] as const;
  return keys.filter((key) => values[key]).length + (values.hours ? values.hours.split(",").length : 0) + (values.sort !== "rating" ? 1 : 0);
}

/**
 * The two fields patients start with, on the home page and above the results:
 * what they look for, and "Where" — country → region → city from the places
 * dataset (components/places/place-fields.tsx). Without JavaScript, searching
 * after choosing a country brings its regions with the results, and so on.
 */
export function MainSearchFields({ values, places }: { values: Pick<SearchFormValues, "q" | "country" | "region" | "city">; places: PlaceOptions }) {
  return (
    <>
      <Field
        label="Specialty, doctor or condition"
        name="q"
        id="search-q"
        defaultValue={values.q}
        maxLength={100}
        autoComplete="off"
        placeholder="e.g. Cardiology, back pain"
      />
      {/* Columns of minmax(0, …) and a fieldset that may shrink: a select is as wide as its longest option otherwise. */}
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-semibold text-slate-900">Where</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 sm:items-end">
          <PlaceFields
            key={`${values.country}|${values.region}|${values.city}`}
            idPrefix="search"
            values={{ country: values.country, region: values.region, city: values.city }}
            options={places}
            noScript="submit"
            anyPlace
          />
        </div>
      </fieldset>
    </>
  );
}

/**
 * A plain GET form: every filter lands in the URL, so a search can be shared,
 * bookmarked and reached again with the back button, with or without JavaScript.
 * The two-field search comes first; the other filters sit behind "Filters" on a
 * phone (a <details>, so no script is needed) and stay open beside the results
 * at desktop width (globals.css, .search-filters).
 */
export function SearchForm({ values, specializations, languages, canUseSavedLocation, places }: SearchFormProps) {
  const active = activeFilterCount(values);
  const hours = new Set(values.hours.split(","));
  return (
    <form method="get" action="/doctors" role="search" aria-label="Find a doctor" className="flex flex-col gap-4 lg:contents">
      <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm grid-cols-1 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] md:items-end lg:col-span-2">
        <MainSearchFields values={values} places={places} />
        <button type="submit" className={buttonClasses("primary", "min-h-11")}>
          Search
        </button>
      </div>
      <details className="search-filters rounded-lg border border-slate-200 bg-white shadow-sm lg:col-start-1 lg:row-start-2">
        <summary className="flex min-h-11 cursor-pointer items-center px-4 font-semibold text-slate-900">Filters{active ? ` (${active})` : ""}</summary>
        <div className="flex flex-col gap-4 border-t border-slate-200 p-4 lg:border-t-0">
          <h2 className="hidden font-semibold text-slate-900 lg:block">Filters{active ? ` (${active})` : ""}</h2>
          <SelectField
            label="Specialization"
            name="specialization"
            id="search-specialization"
            defaultValue={values.specialization}
            options={[{ value: "", label: "All specializations" }, ...specializations.map((s) => ({ value: s.slug, label: s.name }))]}
          />
          <LocationField initial={{ near: values.near, lat: values.lat, lng: values.lng }} canUseSaved={canUseSavedLocation} />
          <Field
            label="Radius (km)"
            name="radius"
            id="search-radius"
            type="number"
            inputMode="numeric"
            min={RADIUS_KM.min}
            max={RADIUS_KM.max}
            placeholder={String(RADIUS_KM.default)}
            defaultValue={values.radius}
            hint="Used with “Near”."
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Working hours (any of)</legend>
            <div className="mt-1 grid grid-cols-2 gap-x-3">
              {DAY_PART_OPTIONS.map((part) => (
                <label key={part.value} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="hours" value={part.value} defaultChecked={hours.has(part.value)} className="size-4" />
                  {part.label}
                </label>
              ))}
            </div>
          </fieldset>
          <SelectField
            label="Language"
            name="language"
            id="search-language"
            defaultValue={values.language}
            options={[{ value: "", label: "Any language" }, ...languages.map((language) => ({ value: language, label: language }))]}
          />
          <Field
            label="Max price"
            name="maxPrice"
            id="search-max-price"
            type="number"
            inputMode="decimal"
            min={0}
            max={MAX_PRICE}
            step="any"
            defaultValue={values.maxPrice}
            hint="Per visit, in the doctor's own currency."
          />
          <SelectField label="Minimum rating" name="minRating" id="search-min-rating" defaultValue={values.minRating} options={MIN_RATING_OPTIONS} />
          <Field
            label="Minimum years of experience"
            name="minYears"
            id="search-min-years"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_YEARS}
            defaultValue={values.minYears}
          />
          <SelectField
            label="Available within"
            name="within"
            id="search-within"
            defaultValue={values.within}
            options={WITHIN_OPTIONS}
            hint="Checked against real free times."
          />
          <SelectField label="Sort by" name="sort" id="search-sort" defaultValue={values.sort} options={SORT_OPTIONS} />
          <BrowserZoneField initial={values.tz} />
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonClasses("secondary")}>
              Apply filters
            </button>
            <Link href="/doctors" className="text-sm font-medium text-slate-700 underline underline-offset-2 hover:no-underline">
              Clear filters
            </Link>
          </div>
        </div>
      </details>
    </form>
  );
}
