/**
 * `npx tsx scripts/icons.ts`: the PNG icons of public/icons/, drawn from the
 * two SVGs next to them (icon.svg for browsers, maskable.svg — full bleed,
 * the cross inside the safe zone — for launchers that cut their own shape).
 * Run it after changing either SVG, and commit the PNGs.
 */
import path from "node:path";
import sharp from "sharp";

const dir = path.join(import.meta.dirname, "..", "public", "icons");
const outputs = [
  { from: "icon.svg", to: "icon-192.png", size: 192 },
  { from: "icon.svg", to: "icon-512.png", size: 512 },
  { from: "maskable.svg", to: "maskable-512.png", size: 512 },
  { from: "maskable.svg", to: "apple-touch-icon.png", size: 180 },
];

for (const { from, to, size } of outputs) {
  await sharp(path.join(dir, from), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(dir, to));
  console.log(`public/icons/${to} (${size}×${size})`);
}
