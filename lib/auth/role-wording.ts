import type { Role } from "@/lib/vocabulary";

/** What confirming the email address lets each role do: doctors do not book, they are booked. */
export const confirmedEmailUnlocks: Record<Role, string> = {
  patient: "book appointments",
  doctor: "finish your profile and have it verified, so that patients can find and book you",
  admin: "use the admin console",
};
