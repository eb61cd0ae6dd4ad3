import { describe, expect, it } from "vitest";
import { verificationGapSentence, verificationGaps } from "./verification-readiness";

const ready = { specialization: "Cardiology", priceMinor: 6000, weeklyHourRanges: 5, certificateCount: 1 };

describe("verificationGaps", () => {
  it("finds nothing missing in a complete profile", () => {
    expect(verificationGaps(ready)).toEqual([]);
  });

  it("names each missing part, in the order the admin checks them", () => {
    expect(verificationGaps({ specialization: null, priceMinor: 0, weeklyHourRanges: 0, certificateCount: 0 })).toEqual([
      "no specialization chosen",
      "no consultation price",
      "no weekly hours",
      "no certificate uploaded",
    ]);
    expect(verificationGaps({ ...ready, certificateCount: 0 })).toEqual(["no certificate uploaded"]);
  });

  it("says it as one sentence", () => {
    expect(verificationGapSentence(["no weekly hours"])).toBe("Not ready to approve: no weekly hours.");
    expect(verificationGapSentence(["no specialization chosen", "no weekly hours", "no certificate uploaded"])).toBe(
      "Not ready to approve: no specialization chosen, no weekly hours and no certificate uploaded.",
    );
  });
});
