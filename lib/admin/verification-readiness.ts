// What a doctor's profile must have before an admin can verify it: a
// verified doctor is public and bookable at once, so a profile without a
// specialization, a price, hours or any proof of qualification is not ready.
// The admin page shows these reasons beside a disabled "Approve"; the service
// (lib/admin/doctors.ts) refuses with the same words.

export interface VerificationFacts {
  specialization: string | null;
  priceMinor: number;
  weeklyHourRanges: number;
  certificateCount: number;
}

export function verificationGaps(doctor: VerificationFacts): string[] {
  const gaps: string[] = [];
  if (!doctor.specialization) gaps.push("no specialization chosen");
  if (doctor.priceMinor <= 0) gaps.push("no consultation price");
  if (doctor.weeklyHourRanges === 0) gaps.push("no weekly hours");
  if (doctor.certificateCount === 0) gaps.push("no certificate uploaded");
  return gaps;
}

/** "Not ready to approve: no weekly hours and no certificate uploaded." */
export function verificationGapSentence(gaps: string[]): string {
  const list = gaps.length <= 1 ? gaps.join("") : `${gaps.slice(0, -1).join(", ")} and ${gaps.at(-1)}`;
  return `Not ready to approve: ${list}.`;
}
