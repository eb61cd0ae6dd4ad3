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
  type SearchFormValues,
  type SpecializationOption,
} from "@/lib/search/params";
import { BrowserZoneField } from "./browser-zone-field";
import { LocationField } from "./location-field";
import { SelectField } from "@/components/ui/field";

interface SearchFormProps {
  values: SearchFormValues;
  specializations: SpecializationOption[];
  cities: string[];
  canUseSavedLocation: boolean;
}

/**
 * A plain GET form: every filter lands in the URL, so a search can be shared,
 * bookmarked and reached again with the back button, with or without JavaScript.
 */
export function SearchForm({ values, specializations, cities, canUseSavedLocation }: SearchFormProps) {
  return (
    <form method="get" action="/doctors" role="search" aria-label="Find a doctor" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Doctor's name" name="q" id="search-q" defaultValue={values.q} maxLength={100} autoComplete="off" />
        <SelectField
          label="Specialization"
          name="specialization"
          id="search-specialization"
          defaultValue={values.specialization}
          options={[{ value: "", label: "All specializations" }, ...specializations.map((s) => ({ value: s.slug, label: s.name }))]}
        />
        <div>
          <Field
            label="City"
            name="city"
            id="search-city"
            defaultValue={values.city}
            maxLength={100}
            list="search-city-options"
            autoComplete="address-level2"
          />
          <datalist id="search-city-options">
            {cities.map((city) => (
              <option key={city} value={city} />
            ))}
          </datalist>
        </div>
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
      </div>
      <BrowserZoneField initial={values.tz} />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClasses("primary")}>
          Search
        </button>
        <Link href="/doctors" className="text-sm font-medium text-slate-700 underline underline-offset-2 hover:no-underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
