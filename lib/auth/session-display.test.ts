import { describe, expect, it } from "vitest";
import { approximateNetwork, describeBrowser } from "./session-display";

describe("how a session is shown", () => {
  it("names the browser and the system", () => {
    expect(describeBrowser("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox 128 on Windows 10");
    expect(
      describeBrowser(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17 on iOS");
    expect(describeBrowser(null)).toBe("Unknown browser");
  });

  it("shows the network without the last part of the address", () => {
    expect(approximateNetwork("203.0.113.54")).toBe("203.0.113.x");
    expect(approximateNetwork("2001:db8:85a3:0:0:8a2e:370:7334")).toBe("2001:db8:85a3:…");
    expect(approximateNetwork("unknown")).toBeNull();
    expect(approximateNetwork(null)).toBeNull();
  });
});
