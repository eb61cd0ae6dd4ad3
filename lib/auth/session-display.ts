import Bowser from "bowser";

/** "Firefox 128 on Windows", from a session's User-Agent; "Unknown browser" when there is none. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ") || "Unknown browser";
  const system = [parsed.os.name, parsed.os.versionName].filter(Boolean).join(" ");
  return system ? `${browser} on ${system}` : browser;
}

/** The network a session signed in from, its last part hidden: "203.0.113.x", "2001:db8:85a3:…". */
export function approximateNetwork(ip: string | null): string | null {
  if (!ip || ip === "unknown") return null;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.replace(/\.\d+$/, ".x");
  const groups = ip.split(":").filter(Boolean);
  return groups.length > 3 ? `${groups.slice(0, 3).join(":")}:…` : ip;
}
