import "server-only";
import { LRUCache } from "lru-cache";
import type { Db } from "@/db/client";
import { listSearchableCities, listSearchableLanguages } from "@/db/queries/search";

/**
 * The search form's suggestions (cities, languages) read every searchable
 * doctor; they change when a doctor is verified or edits their profile, and a
 * suggestion a minute late harms nobody. So each server keeps them for a
 * minute and, past that, answers with the old list while one query fetches the
 * new one (no visitor waits for it, and ten visitors cause one query). The
 * results themselves are never cached.
 */
const FACETS_TTL_MS = 60_000;

type Facet = "cities" | "languages";

const facets = new LRUCache<Facet, string[], Db>({
  max: 2,
  ttl: FACETS_TTL_MS,
  allowStale: true,
  fetchMethod: (facet, _stale, { context: db }) => (facet === "cities" ? listSearchableCities(db) : listSearchableLanguages(db)),
});

/** Cities that have at least one searchable doctor (at most a minute old). */
export async function searchableCities(db: Db): Promise<string[]> {
  return (await facets.fetch("cities", { context: db })) ?? [];
}

/** Languages searchable doctors speak (at most a minute old). */
export async function searchableLanguages(db: Db): Promise<string[]> {
  return (await facets.fetch("languages", { context: db })) ?? [];
}
