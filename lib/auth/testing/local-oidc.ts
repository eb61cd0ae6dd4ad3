// A real OpenID Connect provider standing in for Google in development and
// tests: the oidc-provider package (a certified OP) serves discovery, JWKS,
// authorization (code flow, PKCE required), token and userinfo endpoints, and
// signs ID tokens with its own RSA key. Careslot talks to it through Auth.js's
// Google provider with GOOGLE_ISSUER pointing here, exactly as it talks to
// accounts.google.com. Only the account chooser is ours: a small form where
// the test (or the developer) picks who to be — email, whether the email is
// verified, name — as Google's own chooser would.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import Provider, { interactionPolicy } from "oidc-provider";

export interface LocalOidcOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  clientId: string;
  clientSecret: string;
  /** Careslot's callback, `<APP_URL>/api/auth/callback/google`. */
  redirectUris: string[];
}

export interface LocalOidc {
  issuer: string;
  /** For tests of the token check: an ID token signed with this provider's own key (what its token endpoint issues). */
  signIdToken(claims: Record<string, unknown>, options?: { issuer?: string; audience?: string; expiresIn?: string }): Promise<string>;
  close(): Promise<void>;
}

interface Identity {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

/** The subject Google would keep for one person: stable per email unless the form names another. */
export function subjectFor(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24);
}

export async function startLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  // The subjects signed in so far: what findAccount answers for. Test-process memory is fine here (not the app's).
  const identities = new Map<string, Identity>();
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };

  // Google shows its account chooser on every sign-in here; so does this provider (or a test could not pick a second identity).
  const policy = interactionPolicy.base();
  policy
    .get("login")!
    .checks.add(
      new interactionPolicy.Check("choose_account", "the account chooser is shown on every sign-in", (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  // Careslot asks Google for prompt=select_account; here the chooser always shows, so that prompt needs no check of its own.
  policy.add(new interactionPolicy.Prompt({ name: "select_account", requestable: true }));

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // An address, not "localhost": the app server and the browser must not pick ::1 where it listens on 127.0.0.1.
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Google puts email, email_verified and name in the ID token itself; Auth.js reads its profile from there.
    conformIdTokenClaims: false,
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // Short lives: a sign-in is finished within minutes; nothing here outlives the test run.
    ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, sub) {
      const identity = identities.get(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: async () => ({ ...identity }) };
    },
  });
  // Plain http on localhost: no proxy in front, nothing to trust.
  provider.proxy = false;

  const handleProvider = provider.callback();
  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(\/choose)?$/.exec(url.pathname);
    if (!match) return handleProvider(req, res);
    const answer = req.method === "POST" && match[2] ? choose(req, res) : showChooser(req, res);
    answer.catch((error: unknown) => {
      res.statusCode = 400;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(`Local OpenID provider: ${(error as Error).message}`);
    });
  });

  async function showChooser(req: http.IncomingMessage, res: http.ServerResponse) {
    const { uid, params } = await provider.interactionDetails(req, res);
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(chooserPage(uid, String(params.client_id ?? "")));
  }

  async function choose(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const form = new URLSearchParams(await readBody(req));
    const email = (form.get("email") ?? "").trim();
    if (!email.includes("@")) throw new Error("an email address is needed");
    const sub = form.get("subject")?.trim() || subjectFor(email);
    identities.set(sub, { sub, email, email_verified: form.get("email_verified") === "true", name: form.get("name")?.trim() || email.split("@")[0]! });
    // Consent is given with the choice: the grant covers what Careslot asks for.
    const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    // Choosing is also the answer to prompt=select_account.
    await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId }, select_account: {} }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    signIdToken: (claims, signing = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
        .setIssuer(signing.issuer ?? issuer)
        .setAudience(signing.audience ?? options.clientId)
        .setIssuedAt()
        .setExpirationTime(signing.expiresIn ?? "10m")
        .sign(privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Kept-alive connections (the app's fetches of discovery and keys) would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("form too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function chooserPage(uid: string, clientId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local OpenID provider: choose an account</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input[type=email],input[type=text]{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}</style>
</head><body>
<h1>Choose an account</h1>
<p>Local OpenID Connect provider standing in for Google (development and tests only). Signing in to <code>${escapeHtml(clientId)}</code>.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/choose">
<label for="email">Email</label><input id="email" name="email" type="email" required>
<label for="name">Name</label><input id="name" name="name" type="text">
<label for="subject">Subject (optional: the Google account id; derived from the email when blank)</label><input id="subject" name="subject" type="text">
<p><input id="email_verified" name="email_verified" type="checkbox" value="true" checked> <label for="email_verified" style="display:inline">Email verified</label></p>
<button type="submit">Continue</button>
</form></body></html>`;
}
