import { describe, expect, it } from "vitest";
import { approximatePlace } from "./session-place";

// Against the bundled registry data (@ip-location-db/geo-whois-asn-country-mmdb): well-known, long-held blocks.
describe("the approximate place of a session", () => {
  it("names the country an address is registered in, IPv4 and IPv6", () => {
    expect(approximatePlace("193.99.144.80")).toBe("Germany");
    expect(approximatePlace("81.2.69.160")).toBe("United Kingdom");
    expect(approximatePlace("8.8.8.8")).toBe("United States");
    expect(approximatePlace("2001:4860:4860::8888")).toBe("United States");
    expect(approximatePlace("::ffff:193.99.144.80")).toBe("Germany");
  });

  it("knows none for loopback and private addresses, an unknown address, or something that is not one", () => {
    for (const ip of [
      "127.0.0.1",
      "::1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.0.7",
      "100.64.0.1",
      "203.0.113.5",
      "2001:db8::1",
      "fd00::1",
      "unknown",
      "not an address",
      null,
    ])
      expect(approximatePlace(ip)).toBeNull();
  });
});
