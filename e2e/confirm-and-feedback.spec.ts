import type { Browser, Locator, Page } from "@playwright/test";
import { formatDate } from "../lib/format";
import { closeTestData, createAppointment, createDoctor, createPatient, createPayment, pdfBytes, type Person } from "./pages/admin-data";
import {
  appointmentStatus,
  createClosedOverride,
  createSpecialization,
  overrideCount,
  recordCount,
  refundCount,
  specializationExists,
  userState,
} from "./pages/confirm-data";
import { PatientRecordsPage } from "./pages/admin-records-page";
import { SignInPage } from "./pages/sign-in-page";
import { DESKTOP, PHONE, demo, expect, test } from "./fixtures";

// Issue #15: every destructive or money-moving action asks first, in one
// dialog (Escape changes nothing), or without JavaScript on a confirm page;
// and after any action its one message is on screen, focused and announced.

test.afterAll(async () => {
  await closeTestData();
});

async function signedIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean; viewport?: typeof DESKTOP } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: options.viewport ?? DESKTOP });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, demo.password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** The trigger opens the dialog named after the action; focus starts on "Go back" and cannot leave; Escape closes it and gives focus back. */
async function askThenEscape(page: Page, trigger: Locator, confirmName: string): Promise<void> {
  await trigger.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: confirmName, exact: true })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Go back" })).toBeFocused();
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    // Inside the dialog, or out to the browser's own controls: never on the page behind it.
    const outside = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && active !== document.body && !active.closest("dialog[open]");
    });
    expect(outside, `focus left the dialog after ${key}`).toBe(false);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
}

async function confirmInDialog(page: Page, trigger: Locator, confirmName: string): Promise<void> {
  await trigger.click();
  await page.getByRole("dialog").getByRole("button", { name: confirmName, exact: true }).click();
}

/** The action's answer: announced (status or alert), focused, inside the viewport, and the only message on the page. */
async function expectOneMessageInView(page: Page, text: string | RegExp): Promise<void> {
  const main = page.locator("main");
  const message = main.getByRole("status").or(main.getByRole("alert")).filter({ hasText: text });
  await expect(message).toBeVisible();
  await expect(message).toBeFocused();
  const box = (await message.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y, "message above the screen").toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, "message below the screen").toBeLessThanOrEqual(viewport.height);
  await expect(main.locator('[role="status"]:visible, [role="alert"]:visible').filter({ hasText: /\S/ })).toHaveCount(1);
}

/** Without JavaScript: the trigger leads to /confirm, which names the action and changes nothing until its own button is pressed. */
async function throughConfirmPage(page: Page, trigger: Locator, confirmName: string, unchanged: () => Promise<void>): Promise<void> {
  const from = page.url();
  await trigger.click();
  await expect(page).toHaveURL(/\/confirm$/);
  await expect(page.getByText("Nothing has changed yet.")).toBeVisible();
  await unchanged();
  await expect(page.getByRole("link", { name: "Go back" })).toHaveAttribute("href", new URL(from).pathname + new URL(from).search);
  await page.getByRole("button", { name: confirmName, exact: true }).click();
  await expect(page).not.toHaveURL(/\/confirm$/);
}

const overrideLabel = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`), "UTC");

async function bookedVisit(): Promise<{ doctor: Person; patient: Person; appointmentId: string }> {
  const doctor = await createDoctor({ name: "Dr. Confirm", verified: true });
  const patient = await createPatient("Cora Confirm");
  return { doctor, patient, appointmentId: await createAppointment(doctor.id, patient.id) };
}

test.describe("with JavaScript, each destructive action asks in a dialog first", () => {
  test("an admin's user actions: Escape changes nothing; confirming answers in view, focused, one message at a time", async ({ browser }) => {
    const patient = await createPatient("Anna Dialog");
    const page = await signedIn(browser, demo.admin.email);
    await page.goto(`/admin/users/${patient.id}`);

    await page.getByLabel("Role").selectOption("doctor");
    await askThenEscape(page, page.getByRole("button", { name: "Change role" }), `Make ${patient.fullName} a Doctor`);
    await askThenEscape(page, page.getByRole("button", { name: "Deactivate account" }), `Deactivate ${patient.fullName}`);
    expect(await userState(patient.id)).toEqual({ active: true, role: "patient" });

    await confirmInDialog(page, page.getByRole("button", { name: "Change role" }), `Make ${patient.fullName} a Doctor`);
    await expectOneMessageInView(page, "Role changed to doctor.");
    await confirmInDialog(page, page.getByRole("button", { name: "Deactivate account" }), `Deactivate ${patient.fullName}`);
    // The newer answer replaces the role change's, in another card.
    await expectOneMessageInView(page, "Account deactivated.");
    expect(await userState(patient.id)).toEqual({ active: false, role: "doctor" });

    const other = await createPatient("Ben Bulk");
    await page.goto(`/admin/users?q=${encodeURIComponent(other.email)}`);
    await page.getByRole("checkbox", { name: `Select ${other.fullName}` }).check();
    await page.getByLabel("With the selected users").selectOption("deactivate");
    await askThenEscape(page, page.getByRole("button", { name: "Apply to selected" }), `Deactivate ${other.fullName}`);
    expect((await userState(other.id)).active).toBe(true);
    await confirmInDialog(page, page.getByRole("button", { name: "Apply to selected" }), `Deactivate ${other.fullName}`);
    await expectOneMessageInView(page, "1 user deactivated.");
    expect((await userState(other.id)).active).toBe(false);

    const unused = await createSpecialization();
    await page.goto("/admin/specializations");
    await askThenEscape(page, page.getByRole("button", { name: `Delete ${unused}` }), `Delete ${unused}`);
    expect(await specializationExists(unused)).toBe(true);
    await confirmInDialog(page, page.getByRole("button", { name: `Delete ${unused}` }), `Delete ${unused}`);
    await expectOneMessageInView(page, "The specialization was deleted.");
    expect(await specializationExists(unused)).toBe(false);
  });

  test("an admin's cancels and refunds: Escape changes nothing; confirming answers in view", async ({ browser }) => {
    const listed = await bookedVisit();
    const page = await signedIn(browser, demo.admin.email);
    await page.goto(`/admin/appointments?doctor=${encodeURIComponent(listed.doctor.email)}`);
    await page.getByRole("checkbox", { name: new RegExp(`^Select the appointment of ${listed.patient.fullName}`) }).check();
    await page.getByLabel(/Reason for cancelling the selected appointments/).fill("Clinic closed for repairs");
    await askThenEscape(page, page.getByRole("button", { name: "Cancel selected appointments" }), "Cancel 1 appointment");
    expect(await appointmentStatus(listed.appointmentId)).toBe("confirmed");
    await confirmInDialog(page, page.getByRole("button", { name: "Cancel selected appointments" }), "Cancel 1 appointment");
    await expectOneMessageInView(page, "1 appointment cancelled");
    expect(await appointmentStatus(listed.appointmentId)).toBe("cancelled");

    const single = await bookedVisit();
    await page.goto(`/admin/appointments/${single.appointmentId}`);
    await page.getByLabel(/Reason for cancelling/).fill("Doctor unavailable");
    const cancelName = `Cancel the appointment of ${single.patient.fullName} with ${single.doctor.fullName}`;
    await askThenEscape(page, page.getByRole("button", { name: "Cancel this appointment" }), cancelName);
    expect(await appointmentStatus(single.appointmentId)).toBe("confirmed");
    await confirmInDialog(page, page.getByRole("button", { name: "Cancel this appointment" }), cancelName);
    await expectOneMessageInView(page, "1 appointment cancelled");
    expect(await appointmentStatus(single.appointmentId)).toBe("cancelled");

    const paid = await bookedVisit();
    const paymentId = await createPayment(paid.appointmentId, "clinic");
    await page.goto(`/admin/payments/${paymentId}`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel(/Amount to refund/).fill("20.00");
    await page.getByLabel("Reason").fill("Goodwill");
    const refundName = `Refund 20.00 EUR to ${paid.patient.fullName}`;
    await askThenEscape(page, page.getByRole("button", { name: "Issue refund" }), refundName);
    expect(await refundCount(paymentId)).toBe(0);
    await confirmInDialog(page, page.getByRole("button", { name: "Issue refund" }), refundName);
    await expectOneMessageInView(page, "Refund of €20.00");
    expect(await refundCount(paymentId)).toBe(1);
  });

  test("a doctor's cancel says the patient has been told, and a date override is deleted only when confirmed", async ({ browser }) => {
    const { doctor, patient, appointmentId } = await bookedVisit();
    const page = await signedIn(browser, doctor.email);
    await page.goto(`/doctor/appointments/${appointmentId}`);
    await page.getByLabel("Reason for cancelling (sent to the patient)").fill("I am ill that day");
    await askThenEscape(page, page.getByRole("button", { name: "Cancel appointment" }), `Cancel the visit of ${patient.fullName}`);
    expect(await appointmentStatus(appointmentId)).toBe("confirmed");
    await confirmInDialog(page, page.getByRole("button", { name: "Cancel appointment" }), `Cancel the visit of ${patient.fullName}`);
    await expectOneMessageInView(page, "Cancelled — the patient has been told");
    expect(await appointmentStatus(appointmentId)).toBe("cancelled");

    const iso = await createClosedOverride(doctor.id, 12);
    await page.goto("/doctor/availability");
    const remove = page.getByRole("button", { name: `Delete override for ${overrideLabel(iso)}` });
    await askThenEscape(page, remove, `Delete the override of ${overrideLabel(iso)}`);
    expect(await overrideCount(doctor.id)).toBe(1);
    await confirmInDialog(page, remove, `Delete the override of ${overrideLabel(iso)}`);
    await expectOneMessageInView(page, `Override for ${iso} deleted.`);
    expect(await overrideCount(doctor.id)).toBe(0);
  });

  test("a patient's record delete and sign out everywhere ask first", async ({ browser }) => {
    const patient = await createPatient("Pia Records");
    const page = await signedIn(browser, patient.email);
    const records = new PatientRecordsPage(page);
    await records.goto();
    // The upload is held back a moment on its way, long enough to see its progress bar.
    await page.route("**/patient/records", async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await records.upload({
      title: "Old X-ray",
      type: "Imaging",
      file: { name: "xray.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdfBytes("x-ray")) },
    });
    await expect(page.getByRole("progressbar", { name: /^Uploading xray\.pdf \(\d+ KB\)/ })).toBeVisible();
    await expectOneMessageInView(page, '"Old X-ray" uploaded.');
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    await page.unroute("**/patient/records");
    const remove = page.getByRole("button", { name: "Delete Old X-ray" });
    await askThenEscape(page, remove, "Delete Old X-ray");
    expect(await recordCount(patient.id)).toBe(1);
    await confirmInDialog(page, remove, "Delete Old X-ray");
    await expectOneMessageInView(page, "The document was deleted");
    expect(await recordCount(patient.id)).toBe(0);

    await page.goto("/patient/account");
    const signOut = page.getByRole("button", { name: "Sign out everywhere" });
    await askThenEscape(page, signOut, "Sign out everywhere");
    await page.reload();
    await expect(page).toHaveURL(/\/patient\/account$/);
    await confirmInDialog(page, signOut, "Sign out everywhere");
    await expect(page).toHaveURL(/\/login/);
  });

  test("on a phone, the bulk cancel's answer is on screen below the long list, not above it", async ({ browser }) => {
    const doctor = await createDoctor({ name: "Dr. Phone", verified: true });
    const patients = await Promise.all([1, 2, 3, 4].map((n) => createPatient(`Phone Patient ${n}`)));
    const ids = [];
    for (const patient of patients) ids.push(await createAppointment(doctor.id, patient.id));
    const page = await signedIn(browser, demo.admin.email, { viewport: PHONE });
    await page.goto(`/admin/appointments?doctor=${encodeURIComponent(doctor.email)}`);
    await page.getByRole("checkbox", { name: new RegExp(`^Select the appointment of ${patients[3]!.fullName}`) }).check();
    await page.getByLabel(/Reason for cancelling the selected appointments/).fill("Doctor on leave");
    await confirmInDialog(page, page.getByRole("button", { name: "Cancel selected appointments" }), "Cancel 1 appointment");
    await expectOneMessageInView(page, "1 appointment cancelled");
    expect(await appointmentStatus(ids[3]!)).toBe("cancelled");
    expect(await appointmentStatus(ids[0]!)).toBe("confirmed");
  });
});

test.describe("without JavaScript, each destructive action goes through a confirm page", () => {
  test("an admin's user actions", async ({ browser }) => {
    const patient = await createPatient("Noah Noscript");
    const page = await signedIn(browser, demo.admin.email, { javaScriptEnabled: false });
    await page.goto(`/admin/users/${patient.id}`);

    // "Go back" leaves everything as it was.
    await page.getByRole("button", { name: "Deactivate account" }).click();
    await expect(page).toHaveURL(/\/confirm$/);
    await expect(page.getByRole("heading", { level: 1, name: `Deactivate ${patient.fullName}?` })).toBeVisible();
    await page.getByRole("link", { name: "Go back" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${patient.id}$`));
    expect((await userState(patient.id)).active).toBe(true);

    await page.getByLabel("Role").selectOption("doctor");
    await throughConfirmPage(page, page.getByRole("button", { name: "Change role" }), `Change the role of ${patient.fullName}`, async () => {
      await expect(page.getByRole("definition").filter({ hasText: "Doctor" })).toBeVisible();
      expect((await userState(patient.id)).role).toBe("patient");
    });
    await expect(page.getByRole("status").filter({ hasText: "Role changed to doctor." })).toBeVisible();
    expect((await userState(patient.id)).role).toBe("doctor");

    await throughConfirmPage(page, page.getByRole("button", { name: "Deactivate account" }), `Deactivate ${patient.fullName}`, async () => {
      expect((await userState(patient.id)).active).toBe(true);
    });
    await expect(page.getByRole("status").filter({ hasText: "Account deactivated." })).toBeVisible();
    expect((await userState(patient.id)).active).toBe(false);

    const other = await createPatient("Nora Noscript");
    await page.goto(`/admin/users?q=${encodeURIComponent(other.email)}`);
    await page.getByRole("checkbox", { name: `Select ${other.fullName}` }).check();
    await page.getByLabel("With the selected users").selectOption("deactivate");
    await throughConfirmPage(page, page.getByRole("button", { name: "Apply to selected" }), "Apply to the selected users", async () => {
      await expect(page.getByRole("definition").filter({ hasText: "Deactivate (ends their sessions)" })).toBeVisible();
      expect((await userState(other.id)).active).toBe(true);
    });
    await expect(page.getByRole("status").filter({ hasText: "1 user deactivated." })).toBeVisible();
    expect((await userState(other.id)).active).toBe(false);

    const unused = await createSpecialization();
    await page.goto("/admin/specializations");
    await throughConfirmPage(page, page.getByRole("button", { name: `Delete ${unused}` }), `Delete ${unused}`, async () => {
      expect(await specializationExists(unused)).toBe(true);
    });
    await expect(page.getByRole("status").filter({ hasText: "The specialization was deleted." })).toBeVisible();
    expect(await specializationExists(unused)).toBe(false);
  });

  test("an admin's cancels and refunds", async ({ browser }) => {
    const listed = await bookedVisit();
    const page = await signedIn(browser, demo.admin.email, { javaScriptEnabled: false });
    await page.goto(`/admin/appointments?doctor=${encodeURIComponent(listed.doctor.email)}`);
    await page.getByRole("checkbox", { name: new RegExp(`^Select the appointment of ${listed.patient.fullName}`) }).check();
    await page.getByLabel(/Reason for cancelling the selected appointments/).fill("Clinic closed for repairs");
    await throughConfirmPage(page, page.getByRole("button", { name: "Cancel selected appointments" }), "Cancel the selected appointments", async () => {
      await expect(page.getByRole("definition").filter({ hasText: "Clinic closed for repairs" })).toBeVisible();
      expect(await appointmentStatus(listed.appointmentId)).toBe("confirmed");
    });
    await expect(page.getByRole("status").filter({ hasText: "1 appointment cancelled" })).toBeVisible();
    expect(await appointmentStatus(listed.appointmentId)).toBe("cancelled");

    const single = await bookedVisit();
    await page.goto(`/admin/appointments/${single.appointmentId}`);
    await page.getByLabel(/Reason for cancelling/).fill("Doctor unavailable");
    const cancelName = `Cancel the appointment of ${single.patient.fullName} with ${single.doctor.fullName}`;
    await throughConfirmPage(page, page.getByRole("button", { name: "Cancel this appointment" }), cancelName, async () => {
      expect(await appointmentStatus(single.appointmentId)).toBe("confirmed");
    });
    await expect(page.getByRole("status").filter({ hasText: "1 appointment cancelled" })).toBeVisible();
    expect(await appointmentStatus(single.appointmentId)).toBe("cancelled");

    const paid = await bookedVisit();
    const paymentId = await createPayment(paid.appointmentId, "clinic");
    await page.goto(`/admin/payments/${paymentId}`);
    await page.getByLabel(/Amount to refund/).fill("20.00");
    await page.getByLabel("Reason").fill("Goodwill");
    await throughConfirmPage(page, page.getByRole("button", { name: "Issue refund" }), `Refund this amount to ${paid.patient.fullName}`, async () => {
      await expect(page.getByRole("definition").filter({ hasText: "20.00" })).toBeVisible();
      expect(await refundCount(paymentId)).toBe(0);
    });
    await expect(page.getByRole("status").filter({ hasText: "Refund of €20.00" })).toBeVisible();
    expect(await refundCount(paymentId)).toBe(1);
  });

  test("a doctor's cancel and override delete", async ({ browser }) => {
    const { doctor, patient, appointmentId } = await bookedVisit();
    const page = await signedIn(browser, doctor.email, { javaScriptEnabled: false });
    await page.goto(`/doctor/appointments/${appointmentId}`);
    await page.getByLabel("Reason for cancelling (sent to the patient)").fill("I am ill that day");
    await throughConfirmPage(page, page.getByRole("button", { name: "Cancel appointment" }), `Cancel the visit of ${patient.fullName}`, async () => {
      expect(await appointmentStatus(appointmentId)).toBe("confirmed");
    });
    await expect(page.getByRole("status").filter({ hasText: "Cancelled — the patient has been told" })).toBeVisible();
    expect(await appointmentStatus(appointmentId)).toBe("cancelled");

    const iso = await createClosedOverride(doctor.id, 12);
    await page.goto("/doctor/availability");
    await throughConfirmPage(
      page,
      page.getByRole("button", { name: `Delete override for ${overrideLabel(iso)}` }),
      `Delete the override of ${overrideLabel(iso)}`,
      async () => expect(await overrideCount(doctor.id)).toBe(1),
    );
    await expect(page.getByRole("status").filter({ hasText: `Override for ${iso} deleted.` })).toBeVisible();
    expect(await overrideCount(doctor.id)).toBe(0);
  });

  test("a patient's record delete and sign out everywhere", async ({ browser }) => {
    const patient = await createPatient("Nils Noscript");
    const page = await signedIn(browser, patient.email, { javaScriptEnabled: false });
    const records = new PatientRecordsPage(page);
    await records.goto();
    await records.upload({
      title: "Old scan",
      type: "Imaging",
      file: { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdfBytes("scan")) },
    });
    await expect(records.record("Old scan")).toBeVisible();
    await throughConfirmPage(page, page.getByRole("button", { name: "Delete Old scan" }), "Delete Old scan", async () => {
      expect(await recordCount(patient.id)).toBe(1);
    });
    await expect(page.getByRole("status").filter({ hasText: "The document was deleted" })).toBeVisible();
    expect(await recordCount(patient.id)).toBe(0);

    await page.goto("/patient/account");
    await throughConfirmPage(page, page.getByRole("button", { name: "Sign out everywhere" }), "Sign out everywhere", async () => {
      const still = await page.context().newPage();
      await still.goto("/patient/account");
      await expect(still).toHaveURL(/\/patient\/account$/);
      await still.close();
    });
    await expect(page).toHaveURL(/\/login/);
  });
});
