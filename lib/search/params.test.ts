import { describe, expect, it } from "vitest";
import { parseSearchParams, searchHref } from "./params";
import { searchWindowEnd } from "./window";

const specializations = [
  { id: "00000000-0000-4000-8000-000000000108", name: "Cardiology", slug: "cardiology" },
  { id: "00000000-0000-4000-8000-000000000103", name: "Dentistry", slug: "dentistry" },
];

describe("parseSearchParams", () => {
  it("accepts a full, valid search", () => {
    const { query, notices, values } = parseSearchParams(
      {
        q: " José ",
        specialization: "cardiology",
        city: "Berlin",
        near: "here",
        lat: "52.5",
        lng: "13.4",
        radius: "10",
        maxPrice: "80",
        minRating: "4",
        minYears: "5",
        within: "7",
        sort: "distance",
        page: "2",
        tz: "Europe/Berlin",
      },
      specializations,
    );
    expect(notices).toEqual([]);
    expect(query).toEqual({
      name: "José",
      specialization: specializations[0],
      city: "Berlin",
      near: "here",
      point: { latitude: 52.5, longitude: 13.4 },
      radiusKm: 10,
      maxPrice: 80,
      minRating: 4,
      minYears: 5,
      within: "7",
      sort: "distance",
      page: 2,
      timeZone: "Europe/Berlin",
    });
    expect(searchHref(values, 3)).toBe(
      "/doctors?q=Jos%C3%A9&specialization=cardiology&city=Berlin&near=here&lat=52.5&lng=13.4&radius=10&maxPrice=80&minRating=4&minYears=5&within=7&sort=distance&tz=Europe%2FBerlin&page=3",
    );
  });

  it("drops each bad value with a notice and keeps the rest of the search", () => {
    const { query, notices } = parseSearchParams(
      {
        specialization: "astrology",
        maxPrice: "-5",
        radius: "1e9",
        near: "here",
        lat: "52.5",
        lng: "13.4",
        within: "forever",
        sort: "popularity",
        minRating: "9",
        minYears: "2.5",
        page: "0",
        city: "Berlin",
      },
      specializations,
    );
    expect(query).toEqual({ city: "Berlin", near: "here", point: { latitude: 52.5, longitude: 13.4 }, radiusKm: 25, sort: "rating", page: 1 });
    expect(notices).toHaveLength(8);
    expect(notices.join(" ")).toMatch(/astrology/);
    expect(notices.join(" ")).toMatch(/max price/);
    expect(notices.join(" ")).toMatch(/radius must be between 1 and 500 km/);
  });

  it("treats text that looks like SQL as plain text to match, and strips control characters", () => {
    const { query, notices } = parseSearchParams({ city: "Berlin'; DROP TABLE users; --", q: "a\u0000b" }, specializations);
    expect(notices).toEqual([]);
    expect(query.city).toBe("Berlin'; DROP TABLE users; --");
    expect(query.name).toBe("ab");
  });

  it("takes the first of repeated parameters and ignores unknown ones", () => {
    const { query } = parseSearchParams({ city: ["Paris", "London"], foo: "bar" }, specializations);
    expect(query.city).toBe("Paris");
  });

  it("refuses distance sorting without a location, and absurd coordinates", () => {
    expect(parseSearchParams({ sort: "distance" }, specializations)).toMatchObject({
      query: { sort: "rating" },
      notices: [expect.stringMatching(/needs a location/)],
    });
    const far = parseSearchParams({ near: "here", lat: "123", lng: "13" }, specializations);
    expect(far.query.point).toBeUndefined();
    expect(far.notices[0]).toMatch(/not shared/);
    expect(parseSearchParams({ near: "saved", sort: "distance" }, specializations).query).toMatchObject({ near: "saved", sort: "distance", radiusKm: 25 });
  });

  it("limits how deep availability searches page", () => {
    expect(parseSearchParams({ page: "50" }, specializations).query.page).toBe(50);
    expect(parseSearchParams({ page: "51" }, specializations).query.page).toBe(1);
    expect(parseSearchParams({ page: "21", within: "7" }, specializations).query.page).toBe(1);
  });
});

describe("searchWindowEnd", () => {
  const now = new Date("2030-03-04T08:00:00Z");
  it("ends 'today' at the viewer's next midnight, and counts days in 24-hour steps", () => {
    expect(searchWindowEnd("today", now, "Europe/Berlin")).toEqual(new Date("2030-03-04T23:00:00Z"));
    expect(searchWindowEnd("today", now, "Asia/Kolkata")).toEqual(new Date("2030-03-04T18:30:00Z"));
    expect(searchWindowEnd("today", now, "America/Los_Angeles")).toEqual(new Date("2030-03-05T08:00:00Z"));
    expect(searchWindowEnd("3", now, "Europe/Berlin")).toEqual(new Date("2030-03-07T08:00:00Z"));
  });
});
