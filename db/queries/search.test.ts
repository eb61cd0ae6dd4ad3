import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { doctorProfiles } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { createDoctor } from "@/tests/factories";
import { countSearchCandidates, listSearchCandidates } from "./search";

// The region filter: country and region codes from the places dataset. Other
// test files share the database, so this run's doctors sit in region codes of
// their own (the column holds the dataset's codes; the query only compares them).

const db = useTestDb();
const run = randomUUID().slice(0, 6).toUpperCase();
const [REGION, OTHER_REGION] = [`R${run}`, `S${run}`];
const ids: Record<string, string> = {};

async function doctor(key: string, place: { countryCode: string | null; regionCode: string | null; city: string | null }, verified = true) {
  const created = await createDoctor(db, { fullName: `Dr. ${key} ${run}`, verificationStatus: verified ? "verified" : "pending" });
  await db.update(doctorProfiles).set(place).where(eq(doctorProfiles.userId, created.id));
  ids[key] = created.id;
}

beforeAll(async () => {
  await doctor("Mitte", { countryCode: "DE", regionCode: REGION, city: "Berlin" });
  await doctor("Adlershof", { countryCode: "DE", regionCode: REGION, city: "Adlershof" });
  await doctor("Pending", { countryCode: "DE", regionCode: REGION, city: "Berlin" }, false);
  await doctor("Elsewhere", { countryCode: "DE", regionCode: OTHER_REGION, city: "Berlin" });
  // The same region code in another country is another region.
  await doctor("Abroad", { countryCode: "AT", regionCode: REGION, city: "Berlin" });
});

const names = async (filters: Parameters<typeof countSearchCandidates>[1]) =>
  (await listSearchCandidates(db, { filters, order: "rating", limit: 50, offset: 0 })).map((row) => row.fullName).sort();

describe("search by region", () => {
  it("finds the verified doctors of that region of that country, and no one else", async () => {
    expect(await names({ countryCode: "DE", regionCode: REGION })).toEqual([`Dr. Adlershof ${run}`, `Dr. Mitte ${run}`]);
    expect(await countSearchCandidates(db, { countryCode: "DE", regionCode: REGION })).toBe(2);
    expect(await names({ countryCode: "AT", regionCode: REGION })).toEqual([`Dr. Abroad ${run}`]);
  });

  it("narrows to a city within the region, any case", async () => {
    expect(await names({ countryCode: "DE", regionCode: REGION, city: "berlin" })).toEqual([`Dr. Mitte ${run}`]);
    expect(await countSearchCandidates(db, { countryCode: "DE", regionCode: OTHER_REGION, city: "Adlershof" })).toBe(0);
  });

  it("a country alone finds its doctors in every region", async () => {
    const german = await names({ countryCode: "DE", nameQuery: run });
    expect(german).toEqual([`Dr. Adlershof ${run}`, `Dr. Elsewhere ${run}`, `Dr. Mitte ${run}`]);
  });
});
