import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { getWeeklyRules } from "@/db/queries/availability";
import { getDoctorProfileForEdit, listCertificates } from "@/db/queries/profiles";
import { listSpecializations } from "@/db/queries/specializations";
import { CertificateSection } from "@/components/profiles/certificate-section";
import { ConsultationHours } from "@/components/profiles/consultation-hours";
import { DoctorProfileForm } from "@/components/profiles/doctor-profile-form";
import { PhotoForm } from "@/components/profiles/photo-form";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { photoUrl } from "@/lib/profiles/photo-access";
import { formatDate } from "@/lib/format";
import { pickerOptions } from "@/lib/places/dataset";
import { removeDoctorPhotoAction, uploadDoctorPhotoAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

const verificationText = {
  verified: null,
  pending: "Your profile is waiting for verification: patients will find you once an administrator has checked your certificates.",
  rejected: "Your verification was not approved. Check the reason below, update your certificates and contact Careslot.",
} as const;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default async function DoctorProfilePage() {
  const doctor = await requireRole("doctor");
  const db = getDb();
  const [current, specializations, hours, certificates] = await Promise.all([
    getDoctorProfileForEdit(db, doctor.id),
    listSpecializations(db),
    getWeeklyRules(db, doctor.id),
    listCertificates(db, doctor.id),
  ]);
  if (!current) notFound();
  const { profile } = current;
  const warning = verificationText[profile.verificationStatus];
  return (
    <>
      <PageHeading
        title="Profile"
        subtitle={
          profile.verificationStatus === "verified" ? (
            <>
              Verified. Patients see this on{" "}
              <Link href={`/doctors/${doctor.id}`} className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
                your public page
              </Link>
              .
            </>
          ) : (
            "Not yet visible to patients."
          )
        }
      />
      {warning ? (
        <Notice tone="warning" className="mb-6">
          {warning}
          {profile.rejectionReason ? ` Reason: ${profile.rejectionReason}` : ""}
        </Notice>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title="Photo">
          <PhotoForm name={current.fullName} photoUrl={photoUrl(profile.photoKey)} upload={uploadDoctorPhotoAction} remove={removeDoctorPhotoAction} />
        </Card>
        <Card title="Professional details">
          <DoctorProfileForm
            specializations={specializations}
            places={pickerOptions(profile.countryCode, profile.regionCode)}
            values={{
              specializationId: profile.specializationId,
              yearsExperience: profile.yearsExperience,
              clinicName: profile.clinicName,
              price: (profile.priceMinor / 100).toFixed(2),
              currency: profile.currency,
              bio: profile.bio,
              languages: profile.languages.join(", "),
              address: profile.address,
              country: profile.countryCode,
              region: profile.regionCode,
              city: profile.city,
              latitude: profile.latitude,
              longitude: profile.longitude,
            }}
          />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Consultation hours">
            <ConsultationHours hours={hours} timeZone={profile.timeZone} />
            <p className="mt-3 text-sm">
              Hours come from your weekly availability, so they are only typed once.{" "}
              <Link href="/doctor/availability" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
                Change them on the availability page
              </Link>
              .
            </p>
          </Card>
          <Card title="New bookings">
            <p className="text-slate-800">
              {profile.acceptingBookings ? (
                <>
                  <strong>Accepting new bookings.</strong> Patients can book your free times.
                </>
              ) : (
                <>
                  <strong>Paused.</strong> Patients see no free times; your existing appointments stay as they are.
                </>
              )}
            </p>
            <p className="mt-3 text-sm">
              <Link href="/doctor/availability" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
                {profile.acceptingBookings ? "Pause new bookings" : "Resume new bookings"} on the availability page
              </Link>
            </p>
          </Card>
        </div>
        <Card title="Certificates">
          <CertificateSection
            certificates={certificates.map((c) => ({
              id: c.id,
              originalName: c.originalName,
              sizeLabel: sizeLabel(c.sizeBytes),
              uploadedLabel: formatDate(c.createdAt, profile.timeZone),
            }))}
          />
        </Card>
      </div>
    </>
  );
}
