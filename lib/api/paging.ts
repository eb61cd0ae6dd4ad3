import { z } from "zod";

// Cursor paging for every list: `?cursor=&limit=` in, `{"data":[…],"next_cursor"}` out.
// The cursor is opaque to clients (base64url JSON of the position).

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const cursorSchema = z.object({ o: z.int().min(0).max(1_000_000) });

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

function decodeCursor(text: string): number | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.o : null;
  } catch {
    return null;
  }
}

/** The query parameters of a paged list; `offset` is read from the cursor. */
export function pagingQuery(maxLimit = MAX_LIMIT) {
  return z.object({
    cursor: z
      .string()
      .optional()
      .meta({ description: "The next_cursor of the previous page; absent for the first page." })
      .transform((text, context) => {
        if (text === undefined || text === "") return 0;
        const offset = decodeCursor(text);
        if (offset === null) {
          context.addIssue({ code: "custom", message: "That cursor is not one this API gave out." });
          return z.NEVER;
        }
        return offset;
      }),
    limit: z.coerce
      .number({ error: `Give a limit from 1 to ${maxLimit}.` })
      .int({ error: `Give a limit from 1 to ${maxLimit}.` })
      .min(1, `Give a limit from 1 to ${maxLimit}.`)
      .max(maxLimit, `Give a limit from 1 to ${maxLimit}.`)
      .default(Math.min(DEFAULT_LIMIT, maxLimit))
      .meta({ description: `How many items a page holds (1–${maxLimit}).` }),
  });
}

export interface Paging {
  cursor: number;
  limit: number;
}

/** A page schema around an item schema. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().meta({ description: "Pass as ?cursor= for the next page; null on the last page." }),
    })
    .meta({ id });
}

/** A page from rows fetched with one more than the limit: that extra row says there is a next page. */
export function pageFromRows<T, U>(rows: T[], paging: Paging, toItem: (row: T) => U): { data: U[]; next_cursor: string | null } {
  const more = rows.length > paging.limit;
  return { data: rows.slice(0, paging.limit).map(toItem), next_cursor: more ? encodeCursor(paging.cursor + paging.limit) : null };
}

/** A page of a list already whole in memory (a short one, such as specializations). */
export function pageOfList<T, U>(list: T[], paging: Paging, toItem: (row: T) => U) {
  return pageFromRows(list.slice(paging.cursor, paging.cursor + paging.limit + 1), paging, toItem);
}

/**
 * Rows [cursor, cursor + limit + 1) from a query paged by page number: with
 * pages of limit + 1 rows, that window always lies within two neighbouring pages.
 */
export async function sliceFromPages<T>(fetchPage: (page: number, pageSize: number) => Promise<T[]>, paging: Paging): Promise<T[]> {
  const size = paging.limit + 1;
  const page = Math.floor(paging.cursor / size) + 1;
  const start = paging.cursor - (page - 1) * size;
  const rows = await fetchPage(page, size);
  if (start === 0 || rows.length < size) return rows.slice(start);
  return [...rows.slice(start), ...(await fetchPage(page + 1, size))].slice(0, size);
}
