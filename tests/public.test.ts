// public/: what robots.txt keeps out of search engines, and a manifest whose
// icons exist at the sizes it claims.
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

const publicDir = path.join(import.meta.dirname, "..", "public");

/** RFC 9309 matching of one path against the Disallow rules of `User-agent: *` (no Allow lines here). */
async function disallowed(urlPath: string): Promise<boolean> {
  const rules = (await readFile(path.join(publicDir, "robots.txt"), "utf8"))
    .split("\n")
    .filter((line) => line.startsWith("Disallow:"))
    .map((line) => line.slice("Disallow:".length).trim());
  return rules.some((rule) => (rule.endsWith("$") ? urlPath === rule.slice(0, -1) : urlPath.startsWith(rule)));
}

describe("robots.txt", () => {
  it("keeps out the signed-in areas, the API and the dev tools", async () => {
    for (const blocked of ["/patient", "/patient/appointments", "/doctor", "/doctor/calendar", "/admin", "/admin/users", "/api/health", "/dev/mailbox"]) {
      expect(await disallowed(blocked), blocked).toBe(true);
    }
  });

  it("lets the public pages be indexed, doctors' profiles included", async () => {
    for (const open of ["/", "/doctors", "/doctors/0f4f5e2c-8a11-4a57-9d6b-7b0c7a521f0e", "/login", "/register"]) {
      expect(await disallowed(open), open).toBe(false);
    }
  });
});

describe("manifest.webmanifest", () => {
  it("names Careslot in the brand colour, and every icon is there at its size", async () => {
    const manifest = JSON.parse(await readFile(path.join(publicDir, "manifest.webmanifest"), "utf8"));
    expect(manifest).toMatchObject({ name: "Careslot", start_url: "/", theme_color: "#0f766e" });
    const css = await readFile(path.join(import.meta.dirname, "..", "app", "globals.css"), "utf8");
    expect(css).toContain(`--color-brand-700: ${manifest.theme_color};`);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const meta = await sharp(path.join(publicDir, icon.src)).metadata();
      expect(`image/${meta.format === "svg" ? "svg+xml" : meta.format}`, icon.src).toBe(icon.type);
      if (icon.sizes !== "any") expect(`${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes);
    }
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  });
});
