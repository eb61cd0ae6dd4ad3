import { describe, expect, it } from "vitest";
import { GET } from "./route";

const get = (query: string) => GET(new Request(`http://localhost:3000/api/places${query}`));

describe("/api/places", () => {
  it("answers a country's regions, then one region's cities with coordinates, cacheable", async () => {
    const regions = await get("?country=DE");
    expect(regions.status).toBe(200);
    expect(regions.headers.get("cache-control")).toBe("public, max-age=86400");
    expect((await regions.json()).regions).toContainEqual({ code: "BE", name: "Berlin" });

    const cities = (await (await get("?country=DE&region=BE")).json()).cities as { name: string; latitude: number }[];
    expect(cities).toContainEqual({ name: "Berlin", latitude: 52.52437, longitude: 13.41053 });
    // One region's list, never the dataset: nothing from Bavaria.
    expect(cities.some((city) => city.name === "Munich")).toBe(false);
  });

  it("refuses a malformed or unknown code with a problem, never a list", async () => {
    expect((await get("")).status).toBe(400);
    expect((await get("?country=germany")).status).toBe(400);
    expect((await get("?country=XX")).status).toBe(404);
    const unknownRegion = await get("?country=DE&region=ZZZ");
    expect(unknownRegion.status).toBe(404);
    expect(unknownRegion.headers.get("content-type")).toBe("application/problem+json");
  });
});
