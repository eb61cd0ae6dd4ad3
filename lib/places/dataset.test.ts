import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { findCity, listCities, listCountries, listRegions, pickerOptions, regionLabel } from "./dataset";
import { placeFormChoices, refusePlaceStep, resolvePlace } from "./resolve";

describe("the places dataset", () => {
  it("lists every country once, by name, with its ISO code", () => {
    const countries = listCountries();
    expect(countries.length).toBeGreaterThan(240);
    expect(countries).toContainEqual({ code: "DE", name: "Germany" });
    expect(new Set(countries.map((c) => c.code)).size).toBe(countries.length);
    expect(countries.map((c) => c.name)).toEqual([...countries.map((c) => c.name)].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("answers a country's regions that have cities, and a region's cities with coordinates", () => {
    expect(listRegions("DE").map((r) => r.name)).toContain("Berlin");
    expect(listRegions("DE")).toHaveLength(16);
    // England holds the United Kingdom's cities; its many empty council areas are left out.
    expect(listRegions("GB").map((r) => r.code)).toContain("ENG");
    expect(listRegions("GB").every((r) => listCities("GB", r.code).length > 0)).toBe(true);
    const berlin = findCity("DE", "BE", "Berlin");
    expect(berlin?.latitude).toBeCloseTo(52.5244, 3);
    expect(berlin?.longitude).toBeCloseTo(13.4105, 3);
    expect(listCities("DE", "BE").every((c) => Number.isFinite(c.latitude) && Number.isFinite(c.longitude))).toBe(true);
  });

  it("holds the seeded demo cities where the seed says they are", () => {
    for (const [country, region, city] of [
      ["DE", "BE", "Berlin"],
      ["GB", "ENG", "London"],
      ["US", "NY", "New York City"],
      ["IN", "MH", "Mumbai"],
      ["FR", "IDF", "Paris"],
    ] as const)
      expect(findCity(country, region, city), `${city}`).toBeDefined();
  });

  it("has Bangladesh's eight divisions as regions, each with its towns and sub-districts (thanas) as cities", () => {
    const divisions = listRegions("BD");
    expect(divisions.map((r) => r.name)).toEqual([
      "Barisal Division",
      "Chittagong Division",
      "Dhaka Division",
      "Khulna Division",
      "Mymensingh Division",
      "Rajshahi Division",
      "Rangpur Division",
      "Sylhet Division",
    ]);
    // Dhaka Division (C): the towns the dataset files under "Dhaka District", sub-districts such as Dohar among them.
    const dhaka = listCities("BD", "C").map((c) => c.name);
    expect(dhaka).toEqual(expect.arrayContaining(["Dhaka", "Gazipur", "Narayanganj", "Dohār", "Mirzāpur"]));
    // Chittagong Division (B): its own towns and those filed under Chittagong District.
    expect(listCities("BD", "B").map((c) => c.name)).toContain("Chittagong");
    expect(divisions.every((d) => listCities("BD", d.code).length > 0)).toBe(true);
    // Every Bangladeshi town of the dataset is in exactly one division's list.
    const listed = divisions.flatMap((d) => listCities("BD", d.code).map((c) => c.name));
    expect(new Set(listed).size).toBe(listed.length);
    expect(findCity("BD", "C", "Dhaka")?.latitude).toBeCloseTo(23.81, 2);
    expect(regionLabel("BD", "C")).toBe("Dhaka Division, Bangladesh");
    // A district is no region of its own: its towns are in its division.
    expect(listCities("BD", "13")).toEqual([]);
  });

  it("answers nothing, rather than throwing, for codes it does not know", () => {
    expect(listRegions("XX")).toEqual([]);
    expect(listCities("DE", "NOPE")).toEqual([]);
    expect(findCity("DE", "BE", "Atlantis")).toBeUndefined();
    expect(regionLabel("DE", "BE")).toBe("Berlin, Germany");
    expect(pickerOptions(null, null)).toMatchObject({ regions: [], cities: [] });
  });
});

describe("resolvePlace", () => {
  const none = { latitude: null, longitude: null };

  it("fills the coordinates from the chosen city", () => {
    expect(resolvePlace({ country: "DE", region: "BE", city: "Berlin", ...none })).toEqual({
      countryCode: "DE",
      regionCode: "BE",
      city: "Berlin",
      latitude: 52.52437,
      longitude: 13.41053,
    });
  });

  it("keeps coordinates the doctor refined", () => {
    expect(resolvePlace({ country: "DE", region: "BE", city: "Berlin", latitude: 52.5, longitude: 13.4 })).toMatchObject({ latitude: 52.5, longitude: 13.4 });
  });

  it("refuses, on the field to fix, what the lists would not have offered", () => {
    const fieldOf = (input: Parameters<typeof resolvePlace>[0]) => {
      try {
        resolvePlace(input);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).fieldErrors;
      }
      throw new Error("accepted");
    };
    expect(fieldOf({ country: "XX", region: null, city: null, ...none })).toEqual({ country: ["Choose a country from the list."] });
    expect(fieldOf({ country: "FR", region: "BE", city: null, ...none })).toEqual({ region: ["Choose a region of France from the list."] });
    expect(fieldOf({ country: "DE", region: "BY", city: "Berlin", ...none })).toEqual({ city: ["Choose a city of Bavaria from the list."] });
    expect(fieldOf({ country: "DE", region: null, city: "Berlin", ...none })).toEqual({ region: ["Choose a region of Germany, then the city."] });
    expect(fieldOf({ country: null, region: "BE", city: null, ...none })).toEqual({ country: ["Choose the country first, then its region."] });
  });

  it("keeps a city saved before the pickers existed (no country) as it is", () => {
    expect(resolvePlace({ country: null, region: null, city: "Old Town", latitude: 1, longitude: 2 })).toEqual({
      countryCode: null,
      regionCode: null,
      city: "Old Town",
      latitude: 1,
      longitude: 2,
    });
  });

  it("gives a form without JavaScript the next lists, and its step button saves nothing", () => {
    const choices = placeFormChoices({ country: "DE", region: "BE" });
    expect(choices?.region).toContainEqual({ value: "BE", label: "Berlin" });
    expect(choices?.city).toContainEqual(expect.objectContaining({ value: "Berlin", label: "Berlin" }));
    expect(placeFormChoices({ country: "" })).toBeUndefined();
    const form = new FormData();
    form.set("placeStep", "1");
    expect(() => refusePlaceStep(form)).toThrow(AppError);
    expect(() => refusePlaceStep(new FormData())).not.toThrow();
  });
});
