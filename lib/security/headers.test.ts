// The CSP's form-action: forms stay on this site, except for the two places a
// form's answer is meant to lead — Stripe Checkout, and Google's sign-in page
// (or the local stand-in) only while Continue with Google is configured.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, formTargets } from "./headers";

const formAction = (csp: string) => csp.split("; ").find((directive) => directive.startsWith("form-action"));

describe("form-action", () => {
  it("allows Stripe only, without Google configured", () => {
    expect(formAction(contentSecurityPolicy("n", { development: false, formTargets: formTargets({}) }))).toBe("form-action 'self' https://checkout.stripe.com");
    expect(formTargets({ GOOGLE_CLIENT_ID: "id" })).toEqual(["https://checkout.stripe.com"]);
  });

  it("adds Google's origin, or the issuer standing in for it, once both Google variables are set", () => {
    expect(formTargets({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" })).toEqual(["https://checkout.stripe.com", "https://accounts.google.com"]);
    const local = formTargets({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret", GOOGLE_ISSUER: "http://127.0.0.1:3402/" });
    expect(formAction(contentSecurityPolicy("n", { development: true, formTargets: local }))).toBe(
      "form-action 'self' https://checkout.stripe.com http://127.0.0.1:3402",
    );
  });
});
