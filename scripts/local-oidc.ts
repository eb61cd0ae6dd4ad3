/**
 * A local OpenID Connect provider standing in for Google, for development:
 *
 *   npx tsx scripts/local-oidc.ts            (LOCAL_OIDC_PORT, default 3402; APP_URL, default http://localhost:3000)
 *
 * then start the app with the three variables it prints (in .env.local, or
 * exported before `npm run dev`). "Continue with Google" then leads to this
 * provider's account chooser, where any email, verified or not, can be picked.
 * The same provider is started by scripts/e2e.ts for the end-to-end tests.
 */
import { startLocalOidc } from "../lib/auth/testing/local-oidc";

const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
// A fixed secret by default, so .env.local keeps working across restarts: this provider only ever serves your own machine.
const client = { clientId: "careslot-dev", clientSecret: process.env.LOCAL_OIDC_CLIENT_SECRET ?? "careslot-local-oidc-secret" };
const oidc = await startLocalOidc({ ...client, port: Number(process.env.LOCAL_OIDC_PORT ?? 3402), redirectUris: [`${appUrl}/api/auth/callback/google`] });

console.log(`Local OpenID Connect provider (standing in for Google) at ${oidc.issuer}, for ${appUrl}.
Start Careslot with:

GOOGLE_CLIENT_ID=${client.clientId}
GOOGLE_CLIENT_SECRET=${client.clientSecret}
GOOGLE_ISSUER=${oidc.issuer}

Ctrl-C stops it.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void oidc.close().then(() => process.exit(0));
  });
}
