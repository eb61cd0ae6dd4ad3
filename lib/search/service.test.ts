import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listSpecializations } from "@/db/queries/specializations";
import { doctorProfiles, reviews, specializations } from "@/db/schema";
import { bookAppointment } from "@/lib/booking/service";
import { useTestDb } from "@/tests/db";
import { BERLIN, TEST_NOW, createDoctor, createPatient, insertAppointmentRow, type RuleInput } from "@/tests/factories";
import { parseSearchParams } from "./params";
import { searchDoctors, type SearchPage } from "./service";

// A known little market, in two cities of its own (other test files share the
// database, so every search here names one of these cities). The clock is
// pinned at Monday 2030-03-04 09:00 in Berlin; doctors need 2 h notice, so a
// Monday–Friday 09:00–17:00 Berlin doctor's first slot is 11:00 (10:00Z).
//
//   doctor  spec   price years  km  ratings (visible)  hours            first free slot
//   Anna    cardio  50    5      0  5, 5 (+1 hidden)    Mon–Fri          Mon 10:00Z
//   Bruno   cardio  80   15     20  4                   Wed only         Wed 08:00Z
//   Chloé   derm   120   25    100  3, 4                Mon–Fri, Monday  Tue 08:00Z
//                                                       booked up
//   Dario   cardio  60   30     —   none                paused           none
//   Zoë     derm    40    1      5  none                Sat only         Sat 08:00Z
// plus, never shown: an unverified and an inactive doctor in the same city,
// and Emil (cardio, 70, rating 2) in the other city.

const db = useTestDb();
const run = randomUUID().slice(0, 8);
const CITY = `Searchton ${run}`;
const OTHER_CITY = `Otherton ${run}`;
const PAGE_CITY = `Pageton ${run}`;
const ORIGIN = { latitude: 52.52, longitude: 13.4 };
const context = { now: TEST_NOW, viewerTimeZone: BERLIN };
const ids: Record<string, string> = {};
let cardio = "";
let derm = "";

const WEEKDAYS: RuleInput[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, startTime: "09:00", endTime: "17:00" }));
/** A point `km` kilometres due north of ORIGIN. */
const north = (km: number) => ({ latitude: ORIGIN.latitude + km / 111.195, longitude: ORIGIN.longitude });

async function doctor(
  key: string,
  fields: {
    name: string;
    spec: () => string;
    city: string;
    price: number;
    years: number;
    at?: { latitude: number; longitude: number };
    rules?: RuleInput[];
    accepting?: boolean;
    verified?: boolean;
    active?: boolean;
  },
) {
  const created = await createDoctor(db, {
    fullName: fields.name,
    rules: fields.rules ?? WEEKDAYS,
    priceMinor: fields.price * 100,
    acceptingBookings: fields.accepting ?? true,
    verificationStatus: fields.verified === false ? "pending" : "verified",
    active: fields.active ?? true,
  });
  await db
    .update(doctorProfiles)
    .set({
      specializationId: fields.spec(),
      city: fields.city,
      yearsExperience: fields.years,
      latitude: fields.at?.latitude ?? null,
      longitude: fields.at?.longitude ?? null,
    })
    .where(eq(doctorProfiles.userId, created.id));
  ids[key] = created.id;
}

let pastHour = 0;
async function review(doctorKey: string, rating: number, status: "visible" | "hidden" = "visible") {
  const patient = await createPatient(db);
  pastHour += 1;
  const appointment = await insertAppointmentRow(db, {
    doctorId: ids[doctorKey]!,
    patientId: patient.id,
    startsAt: new Date(TEST_NOW.getTime() - 30 * 86_400_000 + pastHour * 3_600_000),
    status: "completed",
  });
  await db
    .insert(reviews)
    .values({ appointmentId: appointment.id, doctorId: ids[doctorKey]!, patientId: patient.id, rating, body: "A review for the search tests.", status });
}

beforeAll(async () => {
  const [c, d] = await db
    .insert(specializations)
    .values([
      { name: `Search Cardio ${run}`, slug: `search-cardio-${run}` },
      { name: `Search Derm ${run}`, slug: `search-derm-${run}` },
    ])
    .returning();
  cardio = c!.id;
  derm = d!.id;
  await doctor("anna", { name: "Dr. Ánna Alpha", spec: () => cardio, city: CITY, price: 50, years: 5, at: ORIGIN });
  await doctor("bruno", {
    name: "Dr. Bruno Beta",
    spec: () => cardio,
    city: CITY,
    price: 80,
    years: 15,
    at: north(20),
    rules: [{ weekday: 3, startTime: "09:00", endTime: "17:00" }],
  });
  await doctor("chloe", { name: "Dr. Chloé Gamma", spec: () => derm, city: CITY, price: 120, years: 25, at: north(100) });
  await doctor("dario", { name: "Dr. Dario Delta", spec: () => cardio, city: CITY, price: 60, years: 30, accepting: false });
  await doctor("zoe", {
    name: "Dr. Zoë Zeta",
    spec: () => derm,
    city: CITY.toUpperCase(),
    price: 40,
    years: 1,
    at: north(5),
    rules: [{ weekday: 6, startTime: "09:00", endTime: "13:00" }],
  });
  await doctor("pending", { name: "Dr. Pending Unverified", spec: () => cardio, city: CITY, price: 10, years: 50, at: ORIGIN, verified: false });
  await doctor("inactive", { name: "Dr. Inactive Account", spec: () => cardio, city: CITY, price: 10, years: 50, at: ORIGIN, active: false });
  await doctor("emil", { name: "Dr. Emil Epsilon", spec: () => cardio, city: OTHER_CITY, price: 70, years: 10 });
  for (const rating of [5, 5]) await review("anna", rating);
  await review("anna", 1, "hidden");
  await review("bruno", 4);
  await review("chloe", 3);
  await review("chloe", 4);
  await review("emil", 2);
  await db
    .update(doctorProfiles)
    .set({ languages: ["German", "English"] })
    .where(eq(doctorProfiles.userId, ids.anna!));
  await db
    .update(doctorProfiles)
    .set({ languages: ["Spanish"] })
    .where(eq(doctorProfiles.userId, ids.zoe!));
  // Chloé's Monday is taken from 11:00 to 17:00 Berlin.
  const busy = await createPatient(db);
  await insertAppointmentRow(db, { doctorId: ids.chloe!, patientId: busy.id, startsAt: new Date("2030-03-04T10:00:00Z"), minutes: 360 });
});

async function search(params: Record<string, string>): Promise<SearchPage> {
  const parsed = parseSearchParams(params, await listSpecializations(db));
  expect(parsed.notices).toEqual([]);
  return searchDoctors(db, parsed.query, context);
}
const names = (page: SearchPage) => page.results.map((r) => Object.entries(ids).find(([, id]) => id === r.doctor.id)?.[0] ?? r.doctor.fullName);
const near = { near: "here", lat: String(ORIGIN.latitude), lng: String(ORIGIN.longitude) };

describe("searchDoctors filters and sorts", () => {
  it("shows only verified, active doctors of the city (case-insensitive), sorted by rating, hidden reviews excluded", async () => {
    const page = await search({ city: CITY.toLowerCase() });
    expect(names(page)).toEqual(["anna", "bruno", "chloe", "dario", "zoe"]);
    expect(page.total).toBe(5);
    expect(page.results.map((r) => r.rating)).toEqual([{ average: 5, count: 2 }, { average: 4, count: 1 }, { average: 3.5, count: 2 }, null, null]);
  });

  it("sorts by price, lowest first", async () => {
    expect(names(await search({ city: CITY, sort: "price" }))).toEqual(["zoe", "anna", "dario", "bruno", "chloe"]);
  });

  it("sorts by distance and reports it; doctors without coordinates cannot be placed, so a location search leaves them out", async () => {
    const page = await search({ city: CITY, sort: "distance", ...near, radius: "500" });
    expect(names(page)).toEqual(["anna", "zoe", "bruno", "chloe"]);
    expect(page.results.map((r) => Math.round(r.doctor.distanceKm!))).toEqual([0, 5, 20, 100]);
  });

  it("filters by radius around a point", async () => {
    expect(names(await search({ city: CITY, ...near, radius: "30" }))).toEqual(["anna", "bruno", "zoe"]);
    expect(names(await search({ city: CITY, ...near, radius: "4" }))).toEqual(["anna"]);
  });

  it("filters by specialization, max price, minimum rating and minimum years", async () => {
    expect(names(await search({ city: CITY, specialization: `search-cardio-${run}` }))).toEqual(["anna", "bruno", "dario"]);
    expect(names(await search({ city: CITY, maxPrice: "60" }))).toEqual(["anna", "dario", "zoe"]);
    expect(names(await search({ city: CITY, minRating: "4" }))).toEqual(["anna", "bruno"]);
    expect(names(await search({ city: CITY, minYears: "20" }))).toEqual(["chloe", "dario"]);
    expect((await search({ city: CITY, minRating: "4" })).total).toBe(2);
  });

  it("filters by working hours: any of the chosen parts of the week, on the doctor's own clock", async () => {
    expect(names(await search({ city: CITY, hours: "weekends" }))).toEqual(["zoe"]);
    expect(names(await search({ city: CITY, hours: "evenings" }))).toEqual([]);
    expect(names(await search({ city: CITY, hours: "afternoons" }))).toEqual(["anna", "bruno", "chloe", "dario", "zoe"]);
    expect(names(await search({ city: CITY, hours: "evenings,weekends" }))).toEqual(["zoe"]);
    const asCheckboxes = parseSearchParams({ city: CITY, hours: ["weekends", "evenings"] }, await listSpecializations(db));
    expect(names(await searchDoctors(db, asCheckboxes.query, context))).toEqual(["zoe"]);
    expect(asCheckboxes.values.hours).toBe("evenings,weekends");
  });

  it("filters by a language the doctor speaks, any case; an unknown part of the week is said and left out", async () => {
    expect(names(await search({ city: CITY, language: "spanish" }))).toEqual(["zoe"]);
    expect(names(await search({ city: CITY, language: "English" }))).toEqual(["anna"]);
    expect(names(await search({ city: CITY, language: "Klingon" }))).toEqual([]);
    const parsed = parseSearchParams({ city: CITY, hours: "nights" }, await listSpecializations(db));
    expect(parsed.query.dayParts).toBeUndefined();
    expect(parsed.notices).toEqual(["Working hours accept Mornings, Afternoons, Evenings and Weekends; the rest was left out."]);
  });

  it("one box for specialty, doctor or condition: a specialization's name picks it, anything else is a doctor's name", async () => {
    expect(names(await search({ city: CITY, q: `search cardio ${run}` }))).toEqual(["anna", "bruno", "dario"]);
    expect(names(await search({ city: CITY, q: "Gamma" }))).toEqual(["chloe"]);
    // A specialization chosen under Filters wins; the box is then a name again.
    expect(names(await search({ city: CITY, q: "Zeta", specialization: `search-derm-${run}` }))).toEqual(["zoe"]);
  });

  it("finds names ignoring case and accents, and treats LIKE wildcards as text", async () => {
    expect(names(await search({ city: CITY, q: "anna alpha" }))).toEqual(["anna"]);
    expect(names(await search({ city: CITY, q: "ZOE" }))).toEqual(["zoe"]);
    expect(names(await search({ city: CITY, q: "chloe gam" }))).toEqual(["chloe"]);
    expect(names(await search({ city: CITY, q: "%" }))).toEqual([]);
    expect(names(await search({ city: CITY, q: "_" }))).toEqual([]);
  });

  it("sorts by earliest free slot from the booking engine; paused doctors are left out", async () => {
    const page = await search({ city: CITY, sort: "earliest" });
    expect(names(page)).toEqual(["anna", "chloe", "bruno", "zoe"]);
    expect(page.results.map((r) => r.firstSlot?.startsAt.toISOString())).toEqual([
      "2030-03-04T10:00:00.000Z",
      "2030-03-05T08:00:00.000Z",
      "2030-03-06T08:00:00.000Z",
      "2030-03-09T08:00:00.000Z",
    ]);
    expect(page.results[0]!.firstSlot).toMatchObject({ viewerDate: "2030-03-04", viewerTime: "11:00" });
  });

  it("filters by 'available within' today, 3 and 7 days, keeping the chosen sort", async () => {
    expect(names(await search({ city: CITY, within: "today" }))).toEqual(["anna"]);
    expect(names(await search({ city: CITY, within: "3" }))).toEqual(["anna", "bruno", "chloe"]);
    expect(names(await search({ city: CITY, within: "7" }))).toEqual(["anna", "bruno", "chloe", "zoe"]);
    expect(names(await search({ city: CITY, within: "7", sort: "price" }))).toEqual(["zoe", "anna", "bruno", "chloe"]);
    expect(names(await search({ city: CITY, within: "3", specialization: `search-cardio-${run}`, maxPrice: "70", sort: "earliest" }))).toEqual(["anna"]);
  });

  it("shows every result's next free slot, and none for a paused doctor", async () => {
    const page = await search({ city: CITY });
    const slotOf = (key: string) => page.results.find((r) => r.doctor.id === ids[key])!.firstSlot?.startsAt.toISOString() ?? null;
    expect(slotOf("dario")).toBeNull();
    expect(slotOf("zoe")).toBe("2030-03-09T08:00:00.000Z");
  });
});

describe("no ghost slots", () => {
  it("a booked slot is no longer the earliest, and a fully booked day drops the doctor from 'today'", async () => {
    const patient = await createPatient(db);
    await bookAppointment(db, { patientId: patient.id, doctorId: ids.anna!, startsAt: new Date("2030-03-04T10:00:00Z"), reason: "" }, TEST_NOW);
    const after = await search({ city: CITY, sort: "earliest" });
    expect(after.results[0]!.firstSlot!.startsAt.toISOString()).toBe("2030-03-04T10:30:00.000Z");

    const filler = await createPatient(db);
    await insertAppointmentRow(db, { doctorId: ids.anna!, patientId: filler.id, startsAt: new Date("2030-03-04T10:30:00Z"), minutes: 330 });
    expect(names(await search({ city: CITY, within: "today" }))).toEqual([]);
    expect(names(await search({ city: CITY, sort: "earliest" }))).toEqual(["chloe", "anna", "bruno", "zoe"]);
  });
});

describe("pagination", () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      await doctor(`page${i}`, { name: `Dr. Page ${String.fromCharCode(65 + ((i * 5) % 12))}`, spec: () => derm, city: PAGE_CITY, price: 100 + i, years: i });
    }
  });

  it("pages a plain search with an exact total", async () => {
    const first = await search({ city: PAGE_CITY, sort: "price" });
    const second = await search({ city: PAGE_CITY, sort: "price", page: "2" });
    expect([first.total, first.hasNext, second.hasNext]).toEqual([12, true, false]);
    expect([...names(first), ...names(second)]).toEqual(Array.from({ length: 12 }, (_, i) => `page${i}`));
  });

  it("pages the earliest sort: equal first slots come in name order, no doctor twice", async () => {
    const first = await search({ city: PAGE_CITY, sort: "earliest" });
    const second = await search({ city: PAGE_CITY, sort: "earliest", page: "2" });
    expect(first.results).toHaveLength(10);
    expect([first.hasNext, second.hasNext, second.results.length]).toEqual([true, false, 2]);
    const all = [...first.results, ...second.results].map((r) => r.doctor.fullName);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(12);
    expect(second.total).toBe(12);
  });
});

describe("bad input", () => {
  it("answers SQL-looking text with an empty result, and a missing saved location with a notice", async () => {
    expect((await search({ city: "x'; drop table users; --" })).results).toEqual([]);
    const parsed = parseSearchParams({ city: CITY, near: "saved", sort: "distance" }, []);
    const page = await searchDoctors(db, parsed.query, { ...context, savedPoint: null });
    expect(page.notices[0]).toMatch(/no saved location/);
    expect(names(page)).toEqual(["anna", "bruno", "chloe", "dario", "zoe"]);
    const saved = await searchDoctors(db, parsed.query, { ...context, savedPoint: north(100) });
    expect(names(saved)).toEqual(["chloe"]);
  });
});
