// The doctor's set-up checklist on their dashboard, shown until every step is
// done: what makes a profile worth verifying and a calendar bookable.

export interface SetupFacts {
  specialization: string | null;
  priceMinor: number;
  clinicName: string | null;
  city: string | null;
  bio: string;
  photoKey: string | null;
  certificateCount: number;
  weeklyHourRanges: number;
  acceptingBookings: boolean;
}

export interface SetupStep {
  label: string;
  done: boolean;
  href: string;
}

export function setupChecklist(doctor: SetupFacts): SetupStep[] {
  return [
    {
      label: "Profile: specialization, clinic, price and a few words about you",
      done: Boolean(doctor.specialization && doctor.priceMinor > 0 && (doctor.clinicName || doctor.city) && doctor.bio.trim()),
      href: "/doctor/profile",
    },
    { label: "A profile photo", done: Boolean(doctor.photoKey), href: "/doctor/profile" },
    { label: "At least one certificate for verification", done: doctor.certificateCount > 0, href: "/doctor/profile" },
    { label: "Weekly consultation hours", done: doctor.weeklyHourRanges > 0, href: "/doctor/availability" },
    { label: "Booking settings: visit length, notice, and accepting new bookings", done: doctor.acceptingBookings, href: "/doctor/availability" },
  ];
}
