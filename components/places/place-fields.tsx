"use client";

import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SelectField } from "@/components/ui/field";
import type { ChoiceOption, FormState } from "@/lib/errors";
import { PLACE_STEP } from "@/lib/places/field-names";

export interface PlaceValues {
  country: string;
  region: string;
  city: string;
}

export interface PlaceOptions {
  countries: { code: string; name: string }[];
  /** The chosen country's regions and the chosen region's cities, as the server knows them for `values`. */
  regions: ChoiceOption[];
  cities: ChoiceOption[];
}

interface PlaceFieldsProps {
  values: PlaceValues;
  options: PlaceOptions;
  errors?: Partial<Record<keyof PlaceValues, string[]>>;
  /** Ids are `${idPrefix}-country` and so on, unique on the page. */
  idPrefix: string;
  /** Without a city list (search, where "Where" is the city). */
  withCity?: boolean;
  /** Sets the form's latitude and longitude inputs from the chosen city. */
  fillsCoordinates?: boolean;
  /**
   * How a form without JavaScript learns the next list: "step" adds a button that
   * sends the form and saves nothing (lib/places/resolve.ts); "submit" means the
   * form's own submit does it (a GET search).
   */
  noScript: "step" | "submit";
  /** A search: nothing chosen means anywhere ("Any country"), not a field still to fill in. */
  anyPlace?: boolean;
}

async function fetchList<T>(query: string, key: "regions" | "cities"): Promise<T[]> {
  const response = await fetch(`/api/places?${query}`);
  if (!response.ok) throw new Error(`places ${response.status}`);
  return ((await response.json()) as Record<string, T[]>)[key] ?? [];
}

/**
 * Country → region → city, three <select>s over the offline dataset. The
 * browser gets one list at a time from /api/places (never all cities); without
 * JavaScript the lists come with the page for the values sent last.
 */
export function PlaceFields({ values, options, errors, idPrefix, withCity = true, fillsCoordinates = false, noScript, anyPlace = false }: PlaceFieldsProps) {
  const hydrated = useHydrated();
  const [place, setPlace] = useState(values);
  const [regions, setRegions] = useState(options.regions);
  const [cities, setCities] = useState(options.cities);
  const [status, setStatus] = useState("");

  async function load<T>(query: string, key: "regions" | "cities", loading: string, done: (list: T[]) => void) {
    setStatus(loading);
    try {
      done(await fetchList<T>(query, key));
      setStatus("");
    } catch {
      setStatus("The list could not be loaded. Check your connection and choose again.");
    }
  }

  function chooseCountry(country: string) {
    setPlace({ country, region: "", city: "" });
    setRegions([]);
    setCities([]);
    if (!country) return;
    void load<{ code: string; name: string }>(`country=${country}`, "regions", "Loading regions…", (list) =>
      setRegions(list.map((r) => ({ value: r.code, label: r.name }))),
    );
  }

  function chooseRegion(region: string) {
    setPlace((current) => ({ ...current, region, city: "" }));
    setCities([]);
    if (!region || !withCity) return;
    void load<{ name: string; latitude: number; longitude: number }>(
      `country=${place.country}&region=${encodeURIComponent(region)}`,
      "cities",
      "Loading cities…",
      (list) => setCities(list.map((c) => ({ value: c.name, label: c.name, latitude: c.latitude, longitude: c.longitude }))),
    );
  }

  function chooseCity(city: string, form: HTMLFormElement | null) {
    setPlace((current) => ({ ...current, city }));
    const found = cities.find((c) => c.value === city);
    if (!fillsCoordinates || !form || found?.latitude === undefined || found.longitude === undefined) return;
    const [latitude, longitude] = ["latitude", "longitude"].map((name) => form.elements.namedItem(name));
    if (latitude instanceof HTMLInputElement) latitude.value = found.latitude.toFixed(4);
    if (longitude instanceof HTMLInputElement) longitude.value = found.longitude.toFixed(4);
  }

  // A saved value the lists do not hold (a city typed before the pickers) stays choosable.
  const withCurrent = (list: ChoiceOption[], value: string) => (value && !list.some((o) => o.value === value) ? [{ value, label: value }, ...list] : list);
  const statusId = `${idPrefix}-place-status`;
  return (
    <>
      <SelectField
        label="Country"
        name="country"
        id={`${idPrefix}-country`}
        value={place.country}
        onChange={(event) => chooseCountry(event.target.value)}
        errors={errors?.country}
        autoComplete="country"
        options={[{ value: "", label: anyPlace ? "Any country" : "Choose a country…" }, ...options.countries.map((c) => ({ value: c.code, label: c.name }))]}
      />
      <SelectField
        label="Region"
        name="region"
        id={`${idPrefix}-region`}
        value={place.region}
        onChange={(event) => chooseRegion(event.target.value)}
        errors={errors?.region}
        aria-busy={status === "Loading regions…" || undefined}
        disabled={hydrated && !place.country}
        options={[
          { value: "", label: anyPlace ? "Any region" : place.country ? "Choose a region…" : "Choose the country first" },
          ...withCurrent(regions, place.region),
        ]}
      />
      {withCity ? (
        <SelectField
          label="City"
          name="city"
          id={`${idPrefix}-city`}
          value={place.city}
          onChange={(event) => chooseCity(event.target.value, event.target.form)}
          errors={errors?.city}
          aria-busy={status === "Loading cities…" || undefined}
          disabled={hydrated && !place.region && !place.city}
          options={[
            { value: "", label: anyPlace ? "Any city" : place.region ? "Choose a city…" : "Choose the region first" },
            ...withCurrent(cities, place.city),
          ]}
        />
      ) : null}
      <p id={statusId} role="status" className="text-sm text-slate-600 empty:hidden">
        {status}
      </p>
      {!hydrated && noScript === "step" ? (
        <div>
          <button
            type="submit"
            name={PLACE_STEP}
            value="1"
            formNoValidate
            className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:border-brand-700"
          >
            Show regions and cities
          </button>
        </div>
      ) : null}
    </>
  );
}

/** The lists for a form's place fields: the page's, unless the form's last answer brought lists for what it sent. */
export function placeOptionsAfter(state: FormState, options: PlaceOptions): PlaceOptions {
  if (!state || state.ok || !state.choices) return options;
  return { countries: options.countries, regions: state.choices.region ?? [], cities: state.choices.city ?? [] };
}
