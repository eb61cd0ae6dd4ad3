import { describe, expect, it, vi } from "vitest";
import { listSearchableLanguages } from "@/db/queries/search";
import { useTestDb } from "@/tests/db";
import { createDoctor } from "@/tests/factories";
import { searchableLanguages } from "./facets";

const db = useTestDb();

describe("the search form's language list", () => {
  it("is what the query answers, and ten visitors at once cause one query", async () => {
    await createDoctor(db);
    const queries = vi.spyOn(db, "execute");
    const languages = await Promise.all(Array.from({ length: 10 }, () => searchableLanguages(db)));
    expect(queries).toHaveBeenCalledTimes(1);
    queries.mockRestore();
    expect(new Set(languages).size).toBe(1);
    expect(languages[0]).toEqual(await listSearchableLanguages(db));
    // Within the minute, the kept list answers without a query.
    const again = vi.spyOn(db, "execute");
    expect(await searchableLanguages(db)).toBe(languages[0]);
    expect(again).not.toHaveBeenCalled();
    again.mockRestore();
  });
});
