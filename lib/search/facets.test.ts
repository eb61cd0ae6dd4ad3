import { describe, expect, it, vi } from "vitest";
import { listSearchableCities, listSearchableLanguages } from "@/db/queries/search";
import { useTestDb } from "@/tests/db";
import { createDoctor } from "@/tests/factories";
import { searchableCities, searchableLanguages } from "./facets";

const db = useTestDb();

describe("the search form's suggestions", () => {
  it("are what the queries answer, and ten visitors at once cause one query per list", async () => {
    await createDoctor(db);
    const queries = vi.spyOn(db, "execute");
    const [cities, languages] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => searchableCities(db))),
      Promise.all(Array.from({ length: 10 }, () => searchableLanguages(db))),
    ]);
    expect(queries).toHaveBeenCalledTimes(2);
    queries.mockRestore();
    expect(new Set(cities).size).toBe(1);
    expect(cities[0]).toEqual(await listSearchableCities(db));
    expect(languages[0]).toEqual(await listSearchableLanguages(db));
    // Within the minute, the kept list answers without a query.
    const again = vi.spyOn(db, "execute");
    expect(await searchableCities(db)).toBe(cities[0]);
    expect(again).not.toHaveBeenCalled();
    again.mockRestore();
  });
});
