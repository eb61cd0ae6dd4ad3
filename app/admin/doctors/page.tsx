import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { listDoctorsByVerification } from "@/db/queries/profiles";
import { PageNotice } from "@/components/admin/page-notice";
import { VerificationForms } from "@/components/admin/verification-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";
import { fileSize } from "@/lib/records/display";
import { Fact, Facts } from "@/components/ui/facts";
import { FilterBar, FilterInput } from "@/components/ui/filter-bar";
import { Pagination } from "@/components/ui/pagination";
import { verificationGapSentence, verificationGaps } from "@/lib/admin/verification-readiness";
import { pageFrom } from "@/lib/validation/paging";
import { place } from "@/lib/notifications/appointments";
import { singleLineText } from "@/lib/validation/text";

export const metadata: Metadata = { title: "Doctor verification" };

const searchText = singleLineText().max(100).optional().catch(undefined);

function notReadyReason(doctor: { specialization: string | null; priceMinor: number; weeklyHourRanges: number; certificates: unknown[] }): string | undefined {
  const gaps = verificationGaps({ ...doctor, certificateCount: doctor.certificates.length });
  return gaps.length ? verificationGapSentence(gaps) : undefined;
}

const views = { pending: "Pending", rejected: "Rejected", verified: "Verified" } as const;
type View = keyof typeof views;

const notices = {
  approved: "The doctor was verified and emailed, and is now public in search.",
  rejected: "The doctor was rejected and emailed the reason; their profile is not public.",
};

const PAGE_SIZE = 10;

export default async function AdminDoctorsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const query = await searchParams;
  const { status: requested, notice } = query;
  const view: View = requested && requested in views ? (requested as View) : "pending";
  const search = searchText.parse(query.q);
  const page = pageFrom(query);
  const { rows: doctors, total } = await listDoctorsByVerification(getDb(), view, { query: search, page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeading title="Doctor verification" subtitle="Only verified doctors appear in search and can be booked. Check each profile and its certificates." />
      <PageNotice code={notice} messages={notices} />
      <nav aria-label="Verification status" className="mb-4 flex flex-wrap gap-2">
        {(Object.keys(views) as View[]).map((key) => (
          <Link
            key={key}
            href={`/admin/doctors?status=${key}`}
            aria-current={key === view ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${key === view ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
          >
            {views[key]}
          </Link>
        ))}
      </nav>
      <FilterBar label="Search doctors" submitLabel="Search">
        <input type="hidden" name="status" value={view} />
        <FilterInput id="doctors-q" name="q" label="Name or email" type="search" value={search} />
      </FilterBar>
      {doctors.length === 0 ? (
        <Card>
          <p className="text-slate-600">
            {search
              ? `No ${views[view].toLowerCase()} doctor matches “${search}”.`
              : view === "pending"
                ? "No doctor is waiting for verification."
                : `No ${views[view].toLowerCase()} doctors.`}
          </p>
        </Card>
      ) : (
        <ul className="flex flex-col gap-6">
          {doctors.map((doctor) => (
            <li key={doctor.id}>
              <Card title={doctor.fullName}>
                <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
                  <div className="flex flex-col gap-4">
                    <Facts>
                      <Fact label="Email" className="break-all">
                        {doctor.email}
                      </Fact>
                      <Fact label="Specialization">{doctor.specialization ?? "Not chosen yet"}</Fact>
                      <Fact label="Clinic">{place(doctor) ?? "—"}</Fact>
                      <Fact label="Experience">{doctor.yearsExperience} years</Fact>
                      <Fact label="Price">{formatMoney(doctor.priceMinor, doctor.currency)}</Fact>
                      <Fact label="Weekly hours">{doctor.weeklyHourRanges === 0 ? "None set" : `${doctor.weeklyHourRanges} time ranges a week`}</Fact>
                      <Fact label="Languages">{doctor.languages.join(", ") || "—"}</Fact>
                      <Fact label="Registered">{formatDateTime(doctor.registeredAt, "UTC")} UTC</Fact>
                      {doctor.rejectionReason ? (
                        <>
                          <Fact label="Rejected because">{doctor.rejectionReason}</Fact>
                        </>
                      ) : null}
                    </Facts>
                    {doctor.bio ? <p className="whitespace-pre-wrap text-sm text-slate-800">{doctor.bio}</p> : null}
                    <div>
                      <h3 className="mb-1 text-sm font-semibold text-slate-900">Certificates</h3>
                      {doctor.certificates.length === 0 ? (
                        <p className="text-sm text-slate-600">No certificates uploaded.</p>
                      ) : (
                        <ul className="flex flex-col gap-1 text-sm">
                          {doctor.certificates.map((file) => (
                            <li key={file.id} className="flex flex-wrap items-center gap-x-3">
                              <span className="font-medium">{file.originalName}</span>
                              <span className="text-slate-600">{fileSize(file.sizeBytes)}</span>
                              <a href={`/api/admin/certificates/${file.id}`} target="_blank" rel="noopener" className="text-brand-700 underline">
                                View<span className="sr-only"> {file.originalName}</span>
                              </a>
                              <a href={`/api/admin/certificates/${file.id}?download=1`} className="text-brand-700 underline">
                                Download<span className="sr-only"> {file.originalName}</span>
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  </div>
                  <VerificationForms doctorId={doctor.id} doctorName={doctor.fullName} view={view} notReady={notReadyReason(doctor)} />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/admin/doctors" params={{ status: view, q: search }} page={page} pageSize={PAGE_SIZE} total={total} label="Doctor pages" />
    </>
  );
}
