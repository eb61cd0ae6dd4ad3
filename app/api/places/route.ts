import { findCountry, findRegion, listCities, listRegions } from "@/lib/places/dataset";

// The place pickers' lists, one step at a time: ?country=DE answers Germany's
// regions, ?country=DE&region=BE the cities of Berlin with their coordinates.
// Public (registration and search use it signed out) and read-only: the data is
// the shipped dataset, the same for everyone, so browsers and proxies may keep it.

const CACHE = { "Cache-Control": "public, max-age=86400" };

function problem(status: number, detail: string) {
  return Response.json(
    { title: status === 404 ? "Not found" : "Bad request", status, detail },
    { status, headers: { "Content-Type": "application/problem+json" } },
  );
}

export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const country = params.get("country") ?? "";
  const region = params.get("region");
  if (!/^[A-Z]{2}$/.test(country)) return problem(400, "Give a country as its two-letter code, e.g. ?country=DE.");
  if (!findCountry(country)) return problem(404, "There is no country with that code.");
  if (region === null) return Response.json({ regions: listRegions(country) }, { headers: CACHE });
  if (!findRegion(country, region)) return problem(404, "That country has no region with that code.");
  return Response.json({ cities: listCities(country, region) }, { headers: CACHE });
}
