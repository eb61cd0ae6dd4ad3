import { doctorSeed, patientSeed } from "../db/seed-data";
import { formatTimeZone } from "../lib/format";
import { BookingPage, expectAppointmentBooked, openAppointmentList } from "./pages/booking-page";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { TestData } from "./pages/profile-page";

// Each journey books with its own doctor, so specs running side by side never compete for a slot.
const cardiologist = doctorSeed[1];
const optometrist = doctorSeed[7];
const audiologist = doctorSeed[10];
const [anna, ben] = patientSeed;
const data = new TestData();
test.afterAll(() => data.close());

test("a patient books a slot, sees it in their appointments and the doctor's list, cancels it, and the slot is offered again", async ({
  page,
  signIn,
  browser,
}) => {
  // A whole journey across three accounts and a dozen pages, each checked by axe: more than one test's usual minute on a loaded machine.
  test.slow();
  await signIn(anna.email);
  const booking = new BookingPage(page);
  await booking.goto(cardiologist.id);
  await expect(
    page.getByText(`Times are shown in your time zone, ${formatTimeZone(anna.timeZone)}. The doctor works in ${formatTimeZone(cardiologist.timeZone)}.`),
  ).toBeVisible();
  await booking.openDayBeyondCancellationWindow();
  const { label, instant } = await booking.pickFirstSlot();
  await booking.book("Palpitations when climbing stairs");

  await expectAppointmentBooked(page);
  await openAppointmentList(page);
  const row = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: cardiologist.fullName });
  await expect(row).toContainText(label);
  await expect(row).toContainText("Confirmed");

  // The doctor sees it too.
  const doctorContext = await browser.newContext();
  const doctorPage = await doctorContext.newPage();
  await doctorPage.goto("/login");
  await doctorPage.getByLabel("Email").fill(cardiologist.email);
  await doctorPage.getByLabel("Password").fill("careslot-demo-2026");
  await doctorPage.getByRole("button", { name: "Sign in" }).click();
  await doctorPage.waitForURL(/\/doctor$/);
  await doctorPage.goto("/doctor/appointments");
  await expect(doctorPage.getByRole("link", { name: anna.fullName })).toBeVisible();
  // …and on the calendar, in the month that holds the visit.
  await doctorPage.goto("/doctor/calendar");
  await doctorPage.getByRole("button", { name: "Month", exact: true }).click();
  const onCalendar = doctorPage.locator(".fc").getByRole("link", { name: new RegExp(anna.fullName) });
  const sameMonth = new Date(instant).getUTCMonth() === new Date().getUTCMonth();
  if (!sameMonth) await doctorPage.getByRole("button", { name: /^Next/ }).click();
  await expect(onCalendar.first()).toBeVisible();
  await doctorContext.close();

  // While booked, the slot is not offered to anyone.
  await booking.goto(cardiologist.id, instantDate(instant, anna.timeZone));
  await expect(booking.slotWithInstant(instant)).toHaveCount(0);

  await page.goto("/patient/appointments");
  await row.getByRole("button", { name: "Cancel appointment" }).click();
  await page.getByLabel(/Reason for cancelling/).fill("Feeling better, no longer needed");
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByText("Your appointment was cancelled")).toBeVisible();

  await booking.goto(cardiologist.id, instantDate(instant, anna.timeZone));
  await expect(booking.slotWithInstant(instant)).toHaveCount(1);
});

test("booking works with the keyboard alone", async ({ page, signIn }) => {
  // A patient of its own: the demo patients' other visits (and other tests' bookings) may sit at the first free time.
  const patient = await data.patient("Kira Keyboard");
  await signIn(patient.email);
  const booking = new BookingPage(page);
  await booking.goto(optometrist.id);
  const firstSlot = booking.slotButtons.first();
  await firstSlot.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Book appointment" })).toBeVisible();
  const reason = page.getByLabel(/Reason for visit/);
  await reason.focus();
  await page.keyboard.type("Blurry vision when reading");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Book appointment" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expectAppointmentBooked(page);
  await openAppointmentList(page);
  await expect(page.getByRole("table", { name: "Upcoming appointments" })).toContainText(optometrist.fullName);
});

test("of two patients racing for one slot, the second is told it was just taken and sees fresh times", async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [first, second] = await Promise.all(contexts.map((context) => context.newPage()));
  for (const [page, patient] of [
    [first, anna],
    [second, ben],
  ] as const) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(patient.email);
    await page.getByLabel("Password").fill("careslot-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/patient$/);
  }
  const firstBooking = new BookingPage(first);
  await firstBooking.goto(audiologist.id);
  const { instant } = await firstBooking.pickFirstSlot();
  // The second patient opens the very same slot before the first one books it.
  await second.goto(`/doctors/${audiologist.id}?slot=${encodeURIComponent(instant)}`);
  await expect(second.getByRole("button", { name: "Book appointment" })).toBeVisible();

  await firstBooking.book("Hearing check");
  await expectAppointmentBooked(first);
  await new BookingPage(second).book("Tinnitus");
  await expect(second.getByText("That time was just taken")).toBeVisible();
  await expect(second.locator(`button[name="slot"][value="${instant}"]`)).toHaveCount(0);
  await Promise.all(contexts.map((context) => context.close()));
});

test("visitors who are not signed in see the slots and are asked to sign in to book", async ({ page }) => {
  await new BookingPage(page).goto(cardiologist.id);
  await expect(page.getByRole("group", { name: /Free times on/ })).toBeVisible();
  await page
    .getByRole("group", { name: /Free times on/ })
    .getByRole("button")
    .first()
    .click();
  await expect(page.getByRole("button", { name: "Book appointment" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in to book" })).toBeVisible();
});

test("axe finds no serious or critical violation on the booking page with a slot chosen", async ({ page, signIn }) => {
  await signIn(anna.email);
  const booking = new BookingPage(page);
  await booking.goto(doctorSeed[4].id);
  await booking.pickFirstSlot();
  await expectNoSeriousA11yViolations(page);
});

test("axe finds no serious or critical violation on the patient's appointment pages", async ({ page, signIn }) => {
  await signIn(anna.email);
  await page.goto("/patient/appointments");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/patient");
  await expectNoSeriousA11yViolations(page);
});

/** The viewer-local date ("YYYY-MM-DD") of an instant, for the ?date= of the booking page. */
function instantDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}
