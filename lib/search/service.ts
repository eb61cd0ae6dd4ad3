import "server-only";
import type { Db } from "@/db/client";
import {
  type CandidateFilters,
  type CandidateOrder,
  type CandidateRow,
  countSearchCandidates,
  getRatingSummaries,
  listSearchCandidates,
} from "@/db/queries/search";
import type { Slot } from "@/lib/scheduling";
import { firstFreeSlot } from "./first-slot";
import { indexedFirstSlot } from "./free-time";
import { PAGE_SIZE, type SearchQuery } from "./params";
import { searchWindowEnd } from "./window";

/*
 * How "available within" and "earliest available" stay honest AND fast.
 *
 * Every availability shown or filtered on comes from the engine that books:
 * lib/booking/slot-input.ts loadSlotInput + lib/scheduling computeSlots, per
 * doctor. The engine costs ~1 ms per doctor (three indexed queries, then the
 * pure computation), too much to run for 10,000 doctors per request. So:
 * 1. The free-time index (db/schema/free-time.ts, lib/search/free-time.ts)
 *    keeps each doctor's first free slot as the engine computed it. Triggers
 *    mark a row stale in the same transaction as any change the engine reads,
 *    and a row expires when time alone could change it (the slot passing the
 *    minimum notice, a hold expiring): a FRESH row is the engine's answer now.
 * 2. SQL applies every exact filter (specialization, city, price, years, name,
 *    radius, rating) and only verified, active doctors.
 * 3. Without an availability filter or sort, SQL pages the result and the
 *    page's "next free slot" is the fresh index row, or the engine's answer
 *    for a stale one.
 * 4. With one, each candidate gets a LOWER BOUND of its first free slot: the
 *    fresh index row itself (doctors whose first free slot is past the window
 *    drop out), or, for stale rows, one computed in SQL from weekly rules and
 *    overrides (no appointments; see db/queries/search.ts). Candidates then go
 *    to the engine in SQL order, a chunk at a time, until the page is full:
 *    - filtered by availability, sorted by rating/price/distance: a doctor is
 *      kept if the engine finds a slot in the window; order is SQL's.
 *    - sorted by earliest: candidates come in bound order, and we stop once
 *      the page's last doctor's real first slot is earlier than the next
 *      candidate's bound: no unseen doctor can beat it (best-first search).
 *      Ties on the instant are broken by name (then id), the same key in SQL and here.
 *    A fresh row's bound is its answer, so only stale rows go to the engine,
 *    and a stale row costs what it did before the index.
 */

export interface SearchContext {
  now: Date;
  viewerTimeZone: string;
  /** The signed-in patient's saved coordinates, for "Near: my saved location". */
  savedPoint?: { latitude: number; longitude: number } | null;
}

export interface SearchResult {
  doctor: CandidateRow;
  rating: { average: number; count: number } | null;
  firstSlot: Slot | null;
}

export interface SearchPage {
  results: SearchResult[];
  page: number;
  pageSize: number;
  /** Null when only the engine could say (availability searches stop as soon as the page is full). */
  total: number | null;
  hasNext: boolean;
  /** The end of the availability window the results were checked against, if any. */
  windowEnd: Date | null;
  /** Problems found while running the search (e.g. no saved location). */
  notices: string[];
}

const EVALUATION_CONCURRENCY = 8;

export async function searchDoctors(db: Db, query: SearchQuery, context: SearchContext): Promise<SearchPage> {
  const notices: string[] = [];
  const filters: CandidateFilters = {
    specializationId: query.specialization?.id,
    countryCode: query.country,
    regionCode: query.region,
    city: query.city,
    maxPriceMinor: query.maxPrice === undefined ? undefined : Math.round(query.maxPrice * 100),
    minYears: query.minYears,
    minRating: query.minRating,
    nameQuery: query.name,
    dayParts: query.dayParts,
    language: query.language,
  };
  let order: CandidateOrder = query.sort;
  const point = query.near === "saved" ? (context.savedPoint ?? undefined) : query.point;
  if (query.near === "saved" && !point)
    notices.push("You have no saved location yet: add your city's coordinates on your profile to search near it. No distance filter was applied.");
  if (point && query.radiusKm !== undefined) {
    filters.point = point;
    filters.radiusKm = query.radiusKm;
  }
  if (order === "distance" && !point) order = "rating";

  const windowEnd = query.within || order === "earliest" ? searchWindowEnd(query.within ?? "14", context.now, context.viewerTimeZone) : null;
  const page = windowEnd
    ? await searchWithAvailability(db, { filters, order, point, windowEnd, page: query.page }, context)
    : await searchWithoutAvailability(db, { filters, order, point, page: query.page }, context);
  return { ...page, notices };
}

async function searchWithoutAvailability(
  db: Db,
  input: { filters: CandidateFilters; order: CandidateOrder; point?: { latitude: number; longitude: number }; page: number },
  context: SearchContext,
): Promise<Omit<SearchPage, "notices">> {
  const offset = (input.page - 1) * PAGE_SIZE;
  const [rows, total] = await Promise.all([
    listSearchCandidates(db, { filters: input.filters, order: input.order, point: input.point, limit: PAGE_SIZE, offset, now: context.now }),
    countSearchCandidates(db, input.filters),
  ]);
  const slots = await mapLimited(rows, EVALUATION_CONCURRENCY, (row) => slotWithin(db, row, context));
  const results = await withRatings(
    db,
    rows.map((doctor, i) => ({ doctor, firstSlot: slots[i] ?? null })),
  );
  return { results, page: input.page, pageSize: PAGE_SIZE, total, hasNext: offset + rows.length < total, windowEnd: null };
}

async function searchWithAvailability(
  db: Db,
  input: { filters: CandidateFilters; order: CandidateOrder; point?: { latitude: number; longitude: number }; windowEnd: Date; page: number },
  context: SearchContext,
): Promise<Omit<SearchPage, "notices">> {
  const offset = (input.page - 1) * PAGE_SIZE;
  const need = offset + PAGE_SIZE + 1; // one more than the page, to know whether there is a next one
  const window = { now: context.now, windowEnd: input.windowEnd };
  const found: { doctor: CandidateRow; firstSlot: Slot }[] = [];
  const earliest = input.order === "earliest";
  const kthKey = () => {
    const kth = [...found].sort(compareFound)[need - 1]!;
    return { ms: kth.firstSlot.startsAt.getTime(), doctor: kth.doctor };
  };

  let fetched = 0;
  let batch = Math.max(2 * need, 40);
  let exhausted = false;
  search: for (;;) {
    const rows = await listSearchCandidates(db, { filters: input.filters, order: input.order, point: input.point, window, limit: batch, offset: fetched });
    for (let i = 0; i < rows.length; i += EVALUATION_CONCURRENCY) {
      const chunk = rows.slice(i, i + EVALUATION_CONCURRENCY);
      if (found.length >= need) {
        // Sorted by rating/price/distance the page is simply full. Sorted by
        // earliest it is final once no unseen doctor can come before its last one.
        if (!earliest || compareKeys(kthKey(), { ms: chunk[0]!.openLowerBoundMs ?? 0, doctor: chunk[0]! }) < 0) break search;
      }
      const slots = await Promise.all(chunk.map((row) => slotWithin(db, row, context, input.windowEnd)));
      chunk.forEach((doctor, j) => {
        const firstSlot = slots[j];
        if (firstSlot) found.push({ doctor, firstSlot });
      });
    }
    fetched += rows.length;
    if (rows.length < batch) {
      exhausted = true;
      break;
    }
    batch *= 2;
  }

  if (earliest) found.sort(compareFound);
  const pageRows = found.slice(offset, offset + PAGE_SIZE);
  const results = await withRatings(db, pageRows);
  return {
    results,
    page: input.page,
    pageSize: PAGE_SIZE,
    total: exhausted ? found.length : null,
    hasNext: found.length > offset + PAGE_SIZE,
    windowEnd: input.windowEnd,
  };
}

/**
 * The doctor's first free slot before `windowEnd` (default: their horizon). A fresh free-time index row IS
 * the engine's answer at this read (a change the engine reads bumps the row's version in the change's own
 * transaction, so a committed booking is never behind a fresh row); only stale rows need the engine.
 */
async function slotWithin(db: Db, row: CandidateRow, context: SearchContext, windowEnd?: Date): Promise<Slot | null> {
  if (!row.freeTimeFresh) return firstFreeSlot(db, row, context, windowEnd);
  const slot = indexedFirstSlot(row, context.viewerTimeZone);
  return slot && (!windowEnd || slot.startsAt < windowEnd) ? slot : null;
}

function compareFound(a: { doctor: CandidateRow; firstSlot: Slot }, b: { doctor: CandidateRow; firstSlot: Slot }): number {
  return compareKeys({ ms: a.firstSlot.startsAt.getTime(), doctor: a.doctor }, { ms: b.firstSlot.startsAt.getTime(), doctor: b.doctor });
}

/** The earliest order's key, as SQL sorts it (db/queries/search-earliest.ts): the instant, the name byte by byte (collate "C"), the id. */
function compareKeys(a: { ms: number; doctor: CandidateRow }, b: { ms: number; doctor: CandidateRow }): number {
  return (
    a.ms - b.ms ||
    Buffer.compare(Buffer.from(a.doctor.fullName), Buffer.from(b.doctor.fullName)) ||
    (a.doctor.id < b.doctor.id ? -1 : a.doctor.id > b.doctor.id ? 1 : 0)
  );
}

async function withRatings(db: Db, rows: { doctor: CandidateRow; firstSlot: Slot | null }[]): Promise<SearchResult[]> {
  const missing = rows.filter((row) => row.doctor.ratingCount === null).map((row) => row.doctor.id);
  const summaries = await getRatingSummaries(db, missing);
  return rows.map(({ doctor, firstSlot }) => {
    const rating =
      doctor.ratingCount === null
        ? summaries.get(doctor.id)
        : doctor.ratingCount > 0
          ? { average: doctor.ratingAverage!, count: doctor.ratingCount }
          : undefined;
    return { doctor, firstSlot, rating: rating ?? null };
  });
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}
