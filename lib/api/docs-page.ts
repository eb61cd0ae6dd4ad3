import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

// /api/docs: Swagger UI, served from the swagger-ui-dist package (no CDN), under
// the site's CSP: its scripts are same-origin files carrying the request's
// nonce (proxy.ts), the start-up script included; styles are 'self'.

export const DOCS_ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

export const DOCS_INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    persistAuthorization: false,
  });
});
`;

export async function docsAsset(name: string): Promise<{ body: Buffer | string; type: string } | null> {
  if (name === "init.js") return { body: DOCS_INIT, type: "text/javascript; charset=utf-8" };
  const type = DOCS_ASSETS[name];
  if (!type) return null;
  // Read from the installed package: the file names above are the only ones served.
  return { body: await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", name)), type };
}

export function docsHtml(nonce: string | null): string {
  const n = nonce ? ` nonce="${nonce.replace(/[^A-Za-z0-9+/=]/g, "")}"` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Careslot API documentation</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="Careslot API documentation"></main>
<noscript><p>The interactive documentation needs JavaScript. The document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript>
<script src="/api/docs/assets/swagger-ui-bundle.js"${n}></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"${n}></script>
<script src="/api/docs/assets/init.js"${n}></script>
</body>
</html>
`;
}
