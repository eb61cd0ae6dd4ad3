import "server-only";
import { City, Country, State } from "country-state-city";

// The places a profile, registration or search can name: country → region →
// city from the country-state-city package (GeoNames-derived, offline, every
// city with its coordinates). The dataset is ~8 MB: it is read here, on the
// server, and the browser only ever receives one country's regions or one
// region's cities (app/api/places, or a form's answer without JavaScript).
//
// Regions are the dataset's first level below the country (German Länder,
// US states); only regions that have cities are offered, unless a country has
// none with cities, so a picker never leads to an empty city list where another
// region would have one.
//
// Bangladesh is the exception (bangladeshDivisions below): the dataset lists its
// 8 divisions and 64 districts side by side at that level, but files each
// division's towns and sub-districts (thanas/upazilas: Dohar, Mirzapur…) under
// the division's namesake district ("Dhaka District" holds Gazipur and
// Faridpur, which are districts of their own). Its regions are therefore the
// divisions, each with the towns and sub-districts filed under it or under its
// namesake district. The district between them is not offered: the dataset
// does not say which district a town is in.

export interface PlaceOption {
  code: string;
  name: string;
}

export interface CityOption {
  name: string;
  latitude: number;
  longitude: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en");

let countries: PlaceOption[] | undefined;

export function listCountries(): PlaceOption[] {
  countries ??= Country.getAllCountries()
    .map((country) => ({ code: country.isoCode, name: country.name }))
    .sort(byName);
  return countries;
}

export function findCountry(code: string): PlaceOption | undefined {
  return listCountries().find((country) => country.code === code);
}

const regionsByCountry = new Map<string, PlaceOption[]>();
let citiesByRegion: Map<string, CityOption[]> | undefined;

/** Every city, grouped by country and region in one pass (the package only scans the whole list per call). */
function cityIndex(): Map<string, CityOption[]> {
  if (citiesByRegion) return citiesByRegion;
  const index = new Map<string, CityOption[]>();
  for (const city of City.getAllCities()) {
    if (!city.latitude || !city.longitude) continue;
    const key = `${city.countryCode}|${city.stateCode}`;
    const list = index.get(key) ?? index.set(key, []).get(key)!;
    if (!list.some((known) => known.name === city.name)) list.push({ name: city.name, latitude: Number(city.latitude), longitude: Number(city.longitude) });
  }
  for (const list of index.values()) list.sort(byName);
  citiesByRegion = index;
  return index;
}

/** Which dataset regions' cities a region offers: itself, and for a Bangladeshi division its namesake district too. */
const cityKeysOf = new Map<string, string[]>();

/**
 * Bangladesh's divisions (the dataset's one-letter codes, A–H), each with the
 * dataset codes its towns are filed under: its own and its namesake
 * district's ("Dhaka Division" → C and 13, "Dhaka District").
 */
function bangladeshDivisions(all: PlaceOption[]): PlaceOption[] {
  return all
    .filter((region) => region.name.endsWith(" Division"))
    .map((division) => {
      const namesake = all.find((region) => region.name === division.name.replace(/ Division$/, " District"));
      cityKeysOf.set(`BD|${division.code}`, [division.code, ...(namesake ? [namesake.code] : [])]);
      return division;
    });
}

export function listRegions(countryCode: string): PlaceOption[] {
  if (!findCountry(countryCode)) return [];
  let regions = regionsByCountry.get(countryCode);
  if (!regions) {
    const all = State.getStatesOfCountry(countryCode).map((state) => ({ code: state.isoCode, name: state.name }));
    const withCities = countryCode === "BD" ? bangladeshDivisions(all) : all.filter((region) => cityIndex().has(`${countryCode}|${region.code}`));
    regions = (withCities.length > 0 ? withCities : all).sort(byName);
    regionsByCountry.set(countryCode, regions);
  }
  return regions;
}

export function findRegion(countryCode: string, regionCode: string): PlaceOption | undefined {
  return listRegions(countryCode).find((region) => region.code === regionCode);
}

const mergedCities = new Map<string, CityOption[]>();

export function listCities(countryCode: string, regionCode: string): CityOption[] {
  if (!findRegion(countryCode, regionCode)) return [];
  const key = `${countryCode}|${regionCode}`;
  const keys = cityKeysOf.get(key);
  if (!keys) return cityIndex().get(key) ?? [];
  let cities = mergedCities.get(key);
  if (!cities) {
    const byCityName = new Map<string, CityOption>();
    for (const code of keys)
      for (const city of cityIndex().get(`${countryCode}|${code}`) ?? []) if (!byCityName.has(city.name)) byCityName.set(city.name, city);
    cities = [...byCityName.values()].sort(byName);
    mergedCities.set(key, cities);
  }
  return cities;
}

/** A city of that region by its exact name (as the picker offers it), with its coordinates. */
export function findCity(countryCode: string, regionCode: string, name: string): CityOption | undefined {
  return listCities(countryCode, regionCode).find((city) => city.name === name);
}

/** "Berlin, Germany" / "Dhaka Division, Bangladesh": how a region is named in search notices and results. */
export function regionLabel(countryCode: string, regionCode: string): string | undefined {
  const country = findCountry(countryCode);
  const region = findRegion(countryCode, regionCode);
  return country && region ? `${region.name}, ${country.name}` : undefined;
}

/** What the pickers offer for a chosen country and region (components/places/place-fields.tsx): empty lists until one is chosen. */
export function pickerOptions(countryCode: string | null | undefined, regionCode: string | null | undefined) {
  const regions = countryCode ? listRegions(countryCode) : [];
  const cities = countryCode && regionCode ? listCities(countryCode, regionCode) : [];
  return {
    countries: listCountries(),
    regions: regions.map((r) => ({ value: r.code, label: r.name })),
    cities: cities.map((c) => ({ value: c.name, label: c.name, latitude: c.latitude, longitude: c.longitude })),
  };
}
