import type { Metadata } from "next";
import { getDb, getReadDb } from "@/lib/db";
import { getPatientProfileForEdit } from "@/db/queries/profiles";
import { searchableLanguages } from "@/lib/search/facets";
import { listSpecializations } from "@/db/queries/specializations";
import { EmptyResults } from "@/components/search/empty-results";
import { SearchPagination } from "@/components/search/pagination";
import { ResultCard } from "@/components/search/result-card";
import { SearchForm } from "@/components/search/search-form";
import { PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { currentUser } from "@/lib/auth/guards";
import { isValidTimeZone } from "@/lib/scheduling";
import { checkSearchPlace } from "@/lib/places/search-place";
import { pickerOptions } from "@/lib/places/dataset";
import { parseSearchParams } from "@/lib/search/params";
import { searchDoctors, type SearchPage } from "@/lib/search/service";
import { formatTimeZone } from "@/lib/format";

export const metadata: Metadata = { title: "Find a doctor" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const WINDOW_LABELS = { today: "today", "3": "in the next 3 days", "7": "in the next 7 days", "14": "in the next 14 days" } as const;

function summaryLine(page: SearchPage, within: keyof typeof WINDOW_LABELS | undefined, viewerTimeZone: string | null): string {
  const times = viewerTimeZone ? `Times in ${formatTimeZone(viewerTimeZone)}.` : "Times are each doctor's local time.";
  if (page.windowEnd) {
    const when = WINDOW_LABELS[within ?? "14"];
    if (page.total === null) return `Doctors with a free slot ${when}, checked against their live calendars. ${times}`;
    return `${page.total} ${page.total === 1 ? "doctor has" : "doctors have"} a free slot ${when}, checked against their live calendars. ${times}`;
  }
  return `${page.total ?? 0} verified ${page.total === 1 ? "doctor" : "doctors"} found. ${times}`;
}

// Public: anyone may search. A signed-in patient's saved zone and location are used when present.
export default async function DoctorsPage({ searchParams }: { searchParams: Search }) {
  // The search reads the replica when there is one (DATABASE_READ_URL); the visitor's own profile, the primary.
  const db = getReadDb();
  const [raw, user] = await Promise.all([searchParams, currentUser()]);
  const [specializations, languages, patient] = await Promise.all([
    listSpecializations(db),
    searchableLanguages(db),
    user?.role === "patient" ? getPatientProfileForEdit(getDb(), user.id) : Promise.resolve(undefined),
  ]);
  const { query, values, notices } = parseSearchParams(raw, specializations);
  checkSearchPlace(query, values, notices);
  const profile = patient?.profile;
  // The visitor's zone: their profile's, else the browser's (sent by the form). Unknown on a
  // first visit: windows are then measured in UTC and times shown on each doctor's clock.
  const knownZone = profile && isValidTimeZone(profile.timeZone) ? profile.timeZone : (query.timeZone ?? null);
  const savedPoint = profile?.latitude != null && profile.longitude != null ? { latitude: profile.latitude, longitude: profile.longitude } : null;
  const page = await searchDoctors(db, query, { now: new Date(), viewerTimeZone: knownZone ?? "UTC", savedPoint });
  const allNotices = [...notices, ...page.notices];
  const pageCount = page.total !== null ? Math.max(1, Math.ceil(page.total / page.pageSize)) : null;

  return (
    <>
      <PageHeading title="Find a doctor" subtitle="Verified doctors, real free times, reviews only from patients who were seen." />
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[18rem_1fr] lg:items-start lg:gap-6">
        <SearchForm
          values={values}
          specializations={specializations}
          languages={languages}
          canUseSavedLocation={Boolean(savedPoint)}
          places={pickerOptions(query.country, query.region)}
        />
        <div className="lg:col-start-2 lg:row-start-2">
          {allNotices.length > 0 ? (
            <Notice tone="warning" className="mb-4">
              <ul className="list-disc space-y-1 pl-5">
                {allNotices.map((notice) => (
                  <li key={notice}>{notice}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" className="sr-only">
              Results
            </h2>
            {page.results.length === 0 ? (
              <EmptyResults values={values} />
            ) : (
              <>
                <p className="mb-3 text-sm text-slate-700">{summaryLine(page, query.within, knownZone)}</p>
                <ol aria-label="Search results" className="grid gap-4 xl:grid-cols-2">
                  {page.results.map((result) => (
                    <li key={result.doctor.id}>
                      <ResultCard result={result} viewerTimeZone={knownZone} />
                    </li>
                  ))}
                </ol>
                <SearchPagination values={values} page={page.page} pageCount={pageCount} hasNext={page.hasNext} />
              </>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
