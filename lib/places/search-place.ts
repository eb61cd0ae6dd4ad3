import "server-only";
import type { SearchFormValues, SearchQuery } from "@/lib/search/params";
import { findCountry, findRegion } from "./dataset";

/**
 * The search's country and region checked against the dataset (the query
 * string parser, being client-safe, only checks their shape). An unknown one is
 * dropped with a notice, and the rest of the search runs.
 */
export function checkSearchPlace(query: SearchQuery, values: SearchFormValues, notices: string[]): void {
  if (!query.country) return;
  const country = findCountry(query.country);
  if (!country) {
    notices.push("That country is not one we know, so doctors in every country are shown.");
    query.country = query.region = undefined;
    values.country = values.region = "";
    return;
  }
  if (query.region && !findRegion(query.country, query.region)) {
    notices.push(`That region is not one of ${country.name}'s, so all of ${country.name} is searched.`);
    query.region = undefined;
    values.region = "";
  }
}
