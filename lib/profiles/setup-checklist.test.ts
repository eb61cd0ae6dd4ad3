import { describe, expect, it } from "vitest";
import { setupChecklist, type SetupFacts } from "./setup-checklist";

const complete: SetupFacts = {
  specialization: "Cardiology",
  priceMinor: 9000,
  clinicName: "Heart Clinic",
  city: "London",
  bio: "Cardiologist.",
  photoKey: "photos/x",
  certificateCount: 2,
  weeklyHourRanges: 5,
  acceptingBookings: true,
};

describe("setupChecklist", () => {
  it("marks every step done for a complete profile", () => {
    expect(setupChecklist(complete).every((step) => step.done)).toBe(true);
  });

  it("marks each missing piece, with where to do it", () => {
    const steps = setupChecklist({ ...complete, bio: "  ", photoKey: null, certificateCount: 0, weeklyHourRanges: 0, acceptingBookings: false });
    expect(steps.map((step) => [step.done, step.href])).toEqual([
      [false, "/doctor/profile"],
      [false, "/doctor/profile"],
      [false, "/doctor/profile"],
      [false, "/doctor/availability"],
      [false, "/doctor/availability"],
    ]);
    expect(setupChecklist({ ...complete, priceMinor: 0 })[0]!.done).toBe(false);
    expect(setupChecklist({ ...complete, specialization: null })[0]!.done).toBe(false);
  });
});
