import { z } from "zod";

// The page a list shows is `?page=` in the URL (db/queries/paging.ts reads that page); a bad value reads as the first page.

export const pageNumberSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page a URL asks for: its `page` parameter, or `name` when one page holds several lists. */
export function pageFrom(query: Record<string, string | string[] | undefined>, name = "page"): number {
  return pageNumberSchema.parse(query[name]);
}
