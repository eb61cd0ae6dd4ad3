import { readFile } from "node:fs/promises";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Last month (UTC): always a month that has started, and one the seed leaves
// quiet, so every verified doctor gets a report of their own.
const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
const month = lastMonth.toISOString().slice(0, 7);
const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(lastMonth);

test.describe.serial("monthly reports", () => {
  test("an admin generates a month's report, downloads its CSV and opens the printable view", async ({ page, signIn }) => {
    await signIn(demo.admin.email);
    await page.goto("/admin/reports");
    await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
    await page.getByRole("button", { name: "Generate report" }).click();
    await expect(page.getByText(`Reports for ${label} generated`)).toBeVisible();
    const row = page.getByRole("table", { name: "System-wide reports" }).getByRole("row", { name: new RegExp(label) });
    await expect(row).toBeVisible();

    const downloading = page.waitForEvent("download");
    await row.getByRole("link", { name: `CSV download for ${label}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`careslot-report-${month}.csv`);
    const lines = (await readFile((await download.path())!, "utf8")).trim().split("\n");
    expect(lines[0]).toMatch(/^month,doctor,doctor_id,time_zone,appointments,/);
    expect(lines[1]).toMatch(new RegExp(`^${month},All doctors,,UTC,\\d+,`));
    expect(lines.find((line) => line.includes(demo.doctor.id))).toMatch(new RegExp(`^${month},${demo.doctor.fullName},${demo.doctor.id},Europe/Berlin,`));

    await row.getByRole("link", { name: `View report for ${label}` }).click();
    await expect(page.getByRole("heading", { name: `Report for ${label}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Reports per doctor" })).toContainText(demo.doctor.fullName);
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("the doctor sees their own monthly report, can download it, and cannot reach the admin's", async ({ page, signIn }) => {
    await signIn(demo.doctor.email);
    await page.goto("/doctor/reports");
    await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
    const row = page.getByRole("table", { name: "Your reports" }).getByRole("row", { name: new RegExp(label) });
    await expect(row).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await row.getByRole("link", { name: `View report for ${label}` }).click();
    await expect(page.getByRole("heading", { name: `Report for ${label}` })).toBeVisible();
    await expect(page.getByText("Busiest weekdays")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const own = await page.request.get(`/doctor/reports/${month}/csv`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toContain("text/csv");
    expect((await own.text()).split("\n")[1]).toMatch(new RegExp(`^${month},${demo.doctor.fullName},${demo.doctor.id},`));
    expect((await page.request.get(`/admin/reports/${month}/csv`)).status()).toBe(403);
    await page.goto("/admin/reports");
    await expect(page.getByRole("heading", { name: "Generate a report" })).toHaveCount(0);
  });

  test("the admin sees the job runner and its backlog, and can retry delivery", async ({ page, signIn }) => {
    await signIn(demo.admin.email);
    await page.goto("/admin/outbox");
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    // No Inngest is configured for the e2e server: the local runner inside it does the work.
    await expect(page.getByText("Inside this app server, on its PostgreSQL")).toBeVisible();
    for (const tile of ["Job runner", "Queue depth", "Oldest waiting", "Last delivered"]) await expect(page.getByText(tile, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sleeping runs" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Failed runs" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const deliverNow = page.locator("section").filter({ has: page.getByRole("heading", { name: "Deliver now" }) });
    await deliverNow.getByRole("button", { name: "Retry now" }).click();
    await expect(deliverNow.getByRole("status").filter({ hasText: /outbox is empty|Delivered \d+ events? to the local job runner/ })).toBeVisible();
  });
});
