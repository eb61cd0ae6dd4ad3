// The copy step of the standalone build (`npm run build` runs it after `next build`).
// Next.js traces the server and the node_modules it needs into <distDir>/standalone but
// leaves the browser's files to a CDN: public/ and <distDir>/static are copied beside
// server.js here, so `node .next/standalone/server.js` alone serves the whole site.
// Plain Node (no tsx): the Dockerfile's build stage runs it too.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const standalone = path.join(root, distDir, "standalone");

if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.error(`${path.relative(root, standalone)}/server.js is missing: run next build with output: "standalone" first`);
  process.exit(1);
}
const copies = [
  [path.join(root, "public"), path.join(standalone, "public")],
  [path.join(root, distDir, "static"), path.join(standalone, distDir, "static")],
];
for (const [from, to] of copies) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}
console.log(`standalone server ready: node ${path.relative(root, path.join(standalone, "server.js"))} (public/ and ${distDir}/static copied)`);
