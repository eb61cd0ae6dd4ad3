import "server-only";
import { LRUCache } from "lru-cache";
import type { Db } from "@/db/client";
import { listSearchableLanguages } from "@/db/queries/search";

/**
 * The search form's language list reads every searchable doctor; it changes
 * when a doctor is verified or edits their profile, and a language a minute
 * late harms nobody. So each server keeps it for a
 * minute and, past that, answers with the old list while one query fetches the
 * new one (no visitor waits for it, and ten visitors cause one query). The
 * results themselves are never cached.
 */
const FACETS_TTL_MS = 60_000;

type Facet = "languages";

const facets = new LRUCache<Facet, string[], Db>({
  max: 1,
  ttl: FACETS_TTL_MS,
  allowStale: true,
  fetchMethod: (_facet, _stale, { context: db }) => listSearchableLanguages(db),
});

/** Languages searchable doctors speak (at most a minute old). */
export async function searchableLanguages(db: Db): Promise<string[]> {
  return (await facets.fetch("languages", { context: db })) ?? [];
}
