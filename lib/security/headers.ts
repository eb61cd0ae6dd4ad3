/**
 * Where a form may lead besides this site: Stripe Checkout, and the Google sign-in page while
 * "Continue with Google" is configured (the button posts a form whose answer redirects there;
 * without JavaScript the browser checks that redirect against form-action).
 */
export function formTargets(config: { GOOGLE_CLIENT_ID?: string; GOOGLE_CLIENT_SECRET?: string; GOOGLE_ISSUER?: string }): string[] {
  const google = config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET ? [new URL(config.GOOGLE_ISSUER ?? "https://accounts.google.com").origin] : [];
  return ["https://checkout.stripe.com", ...google];
}

/** The Content-Security-Policy for one response; scripts run only with this request's nonce. */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; formTargets?: string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // 'unsafe-inline' stays for styles, on purpose. Server-rendered style attributes (bar widths in
    // reviews and reports, avatar sizes, calendar colours) can only be allowed by it: a nonce never
    // covers an attribute, and 'unsafe-hashes' would need a hash per computed value. FullCalendar 6
    // also injects its CSS as a <style> element at run time (v7 ships CSS files instead). What it
    // allows is CSS, not script: script-src above stays nonce-only with 'strict-dynamic', and React
    // escapes every value, so no one can inject the markup a CSS attack would need. Removing it
    // means moving those styles into classes or CSS variables set from script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${(options.formTargets ?? ["https://checkout.stripe.com"]).join(" ")}`,
    "frame-ancestors 'none'",
  ];
  if (!options.development) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(options: { production: boolean; https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.production && options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
