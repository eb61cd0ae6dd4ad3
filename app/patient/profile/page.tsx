import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { listUpcomingActiveAppointments } from "@/db/queries/patient-data";
import { getPatientProfileForEdit } from "@/db/queries/profiles";
import { getAppSettings } from "@/db/queries/settings";
import { PatientProfileForm } from "@/components/profiles/patient-profile-form";
import { PhotoForm } from "@/components/profiles/photo-form";
import { DeleteAccountCard, DownloadDataCard } from "@/components/privacy/privacy-cards";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { timeZoneOptions } from "@/lib/availability/time-zones";
import { pickerOptions } from "@/lib/places/dataset";
import { photoUrl } from "@/lib/profiles/photo-access";
import { deleteAccountAction, removePatientPhotoAction, uploadPatientPhotoAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

export default async function PatientProfilePage() {
  const patient = await requireRole("patient");
  const db = getDb();
  const [current, upcoming, settings] = await Promise.all([
    getPatientProfileForEdit(db, patient.id),
    listUpcomingActiveAppointments(db, patient.id, new Date()),
    getAppSettings(db),
  ]);
  if (!current) notFound();
  const profile = current.profile;
  const timeZone = profile?.timeZone ?? "UTC";
  return (
    <>
      <PageHeading title="Profile" subtitle={`Signed in as ${current.email}`} />
      <div className="flex flex-col gap-6">
        <Card title="Photo">
          <PhotoForm name={current.fullName} photoUrl={photoUrl(profile?.photoKey)} upload={uploadPatientPhotoAction} remove={removePatientPhotoAction} />
          <p className="mt-3 text-sm text-slate-600">Only you can see your photo.</p>
        </Card>
        <Card title="Your details">
          <PatientProfileForm
            timeZones={timeZoneOptions(timeZone)}
            places={pickerOptions(profile?.countryCode, profile?.regionCode)}
            values={{
              fullName: current.fullName,
              phone: profile?.phone ?? null,
              dateOfBirth: profile?.dateOfBirth ?? null,
              gender: profile?.gender ?? null,
              country: profile?.countryCode ?? null,
              region: profile?.regionCode ?? null,
              city: profile?.city ?? null,
              timeZone,
              allergies: profile?.allergies ?? null,
              chronicConditions: profile?.chronicConditions ?? null,
              currentMedications: profile?.currentMedications ?? null,
              bloodType: profile?.bloodType ?? null,
              emergencyContactName: profile?.emergencyContactName ?? null,
              emergencyContactPhone: profile?.emergencyContactPhone ?? null,
            }}
          />
        </Card>
        <DownloadDataCard />
        <DeleteAccountCard action={deleteAccountAction} upcoming={upcoming.length} fullRefundHours={settings.patientFullRefundHours} />
      </div>
    </>
  );
}
