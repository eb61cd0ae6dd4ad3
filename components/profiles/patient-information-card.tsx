import { Card } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { GENDERS } from "@/lib/profiles/schemas";

export interface PatientInformation {
  dateOfBirth: string | null;
  gender: string | null;
  allergies: string | null;
  chronicConditions: string | null;
  currentMedications: string | null;
  bloodType: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
}

/** What the patient chose to share, shown to the doctor on that patient's appointments only. */
export function PatientInformationCard({ information }: { information: PatientInformation | undefined }) {
  const rows: [string, string | null][] = information
    ? [
        ["Date of birth", information.dateOfBirth],
        ["Gender", GENDERS.find((g) => g.value === information.gender)?.label ?? information.gender],
        ["Allergies", information.allergies],
        ["Chronic conditions", information.chronicConditions],
        ["Current medications", information.currentMedications],
        ["Blood type", information.bloodType],
        ["Emergency contact", [information.emergencyContactName, information.emergencyContactPhone].filter(Boolean).join(" · ") || null],
      ]
    : [];
  const shared = rows.filter(([, value]) => value);
  return (
    <Card title="Patient information">
      {shared.length === 0 ? (
        <p className="text-sm text-slate-600">The patient has not shared any medical information.</p>
      ) : (
        <Facts>
          {shared.map(([label, value]) => (
            <Fact key={label} label={label} className="whitespace-pre-wrap">
              {value}
            </Fact>
          ))}
        </Facts>
      )}
      <p className="mt-3 text-xs text-slate-600">Shared by the patient for their visits with you. Do not copy it elsewhere.</p>
    </Card>
  );
}
