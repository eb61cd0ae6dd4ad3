import { closeTestData, createDoctor, createPatient } from "./pages/admin-data";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #17: the REST API against the real server — its docs under the site's
// CSP, the README's walk-through, and a personal token made on the account page.

test.afterAll(async () => {
  await closeTestData();
});

test("the API docs render in Chromium under the CSP, loading nothing from another origin", async ({ page }) => {
  const violations: string[] = [];
  const foreign: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(new URL(page.url() || "http://localhost").origin) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  const response = await page.goto("/api/docs");
  expect(response!.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByRole("heading", { name: /Careslot API/ })).toBeVisible();
  await expect(page.getByText("Search verified doctors").first()).toBeVisible();
  await page.getByText("Search verified doctors").first().click();
  await expect(page.getByText("Every filter of the /doctors page").first()).toBeVisible();
  await page.screenshot({ path: "test-results/api-docs.png", fullPage: false });
  expect(violations).toEqual([]);
  expect(foreign.filter((url) => !url.startsWith("http://localhost") && !url.startsWith("http://127.0.0.1"))).toEqual([]);
});

test("the README walk-through: token → search → slots → book → cancel", async ({ request }) => {
  const doctor = await createDoctor({ name: "Dr. Api Walk", verified: true });
  const patient = await createPatient("Pat Api");
  const tokenAnswer = await request.post("/api/v1/auth/token", { data: { grant_type: "password", email: patient.email, password: demo.password } });
  expect(tokenAnswer.status()).toBe(200);
  const { access_token } = await tokenAnswer.json();
  const auth = { Authorization: `Bearer ${access_token}` };

  const search = await (await request.get(`/api/v1/doctors?q=${encodeURIComponent(doctor.fullName)}`)).json();
  expect(search.data.map((d: { id: string }) => d.id)).toEqual([doctor.id]);
  const slots = await (await request.get(`/api/v1/doctors/${doctor.id}/slots?limit=1&tz=Europe/London`)).json();
  const slot = slots.data[0];
  expect(slot.local_offset).toMatch(/^[+-]\d\d:\d\d$/);

  const booked = await request.post("/api/v1/appointments", {
    headers: { ...auth, "Idempotency-Key": `walk-${doctor.id}` },
    data: { doctor_id: doctor.id, starts_at: slot.starts_at, reason: "API walk-through" },
  });
  expect(booked.status()).toBe(201);
  const appointment = await booked.json();
  const cancelled = await request.post(`/api/v1/appointments/${appointment.id}/cancel`, { headers: auth, data: { reason: "Just testing" } });
  expect((await cancelled.json()).status).toBe("cancelled");

  const refused = await request.get("/api/v1/appointments");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
});

test("a patient makes a personal access token on the account page, uses it, and revokes it", async ({ page, signIn, request }) => {
  const patient = await createPatient("Pat Token");
  await signIn(patient.email);
  await page.goto("/patient/account");
  await page.getByLabel("Token name").fill("My script");
  await page.getByLabel("Access").selectOption("read");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Copy it now: it will not be shown again.")).toBeVisible();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^cs_pat_/);
  await expectNoSeriousA11yViolations(page);

  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).email).toBe(patient.email);
  const write = await request.patch("/api/v1/me", { headers: { Authorization: `Bearer ${token}` }, data: { phone: "+44 20 7946 0000" } });
  expect(write.status()).toBe(403);

  await page.reload();
  await expect(page.getByRole("list", { name: "API tokens" })).toContainText("last used");
  await page.getByRole("button", { name: "Revoke My script" }).click();
  await expect(page.getByText("Token revoked.")).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});
