import { describe, expect, it } from "vitest";
import { specializationNamedBy } from "./conditions";

const specializations = [
  { slug: "cardiology", name: "Cardiology" },
  { slug: "dermatology", name: "Dermatology" },
  { slug: "mental-health", name: "Mental Health" },
  { slug: "pediatrics", name: "Pediatrics" },
];
const named = (text: string) => specializationNamedBy(text, specializations)?.slug;

describe("specializationNamedBy", () => {
  it("knows a specialization by its name or slug, any case, accents and spacing aside", () => {
    expect(named("cardiology")).toBe("cardiology");
    expect(named("  CARDIOLOGY ")).toBe("cardiology");
    expect(named("mental   health")).toBe("mental-health");
    expect(named("mental-health")).toBe("mental-health");
  });

  it("knows common conditions and plain words", () => {
    expect(named("Chest pain")).toBe("cardiology");
    expect(named("heart")).toBe("cardiology");
    expect(named("rash")).toBe("dermatology");
    expect(named("acné")).toBe("dermatology");
    expect(named("anxiety")).toBe("mental-health");
    expect(named("fever in children")).toBe("pediatrics");
  });

  it("leaves names and unknown words to the name search, and a condition whose specialization is not offered", () => {
    expect(named("Okafor")).toBeUndefined();
    expect(named("cardio")).toBeUndefined();
    expect(named("toothache")).toBeUndefined();
  });
});
