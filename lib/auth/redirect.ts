/**
 * Where Auth.js may send the browser after signing in or out, built from the
 * app's own address (APP_URL, or AUTH_URL when set) and never from the
 * request's Host or X-Forwarded-Host header, which the client chooses: a path
 * of this app under that address, an absolute URL only on that same origin,
 * and anything else the app's home page. Pure; lib/auth/index.ts wires it in.
 */
export function authRedirectTarget(url: string, appUrl: string): string {
  const base = appUrl.replace(/\/+$/, "");
  const home = `${base}/`;
  if (url.startsWith("/")) {
    // "//evil.example" and "/\evil.example" are other hosts to a browser.
    return url.startsWith("//") || url.startsWith("/\\") ? home : `${base}${url}`;
  }
  try {
    const target = new URL(url);
    return target.origin === new URL(base).origin ? target.toString() : home;
  } catch {
    return home;
  }
}
