import { describe, expect, it } from "vitest";
import { place } from "./appointments";

describe("place", () => {
  it("joins clinic, address and city without saying any part twice", () => {
    expect(place({ clinicName: "SkinFirst Bandra", address: "SkinFirst Bandra, Mumbai", city: "Mumbai" })).toBe("SkinFirst Bandra, Mumbai");
    expect(place({ clinicName: "Harley Heart Clinic", address: "10 Harley Street", city: "London" })).toBe("Harley Heart Clinic, 10 Harley Street, London");
    expect(place({ clinicName: null, address: "10 Harley Street, London", city: "london" })).toBe("10 Harley Street, London");
    expect(place({ clinicName: " ", address: null, city: null })).toBeNull();
  });
});
