import { doctorSeed } from "../db/seed-data";
import { BookingPage, expectAppointmentBooked, openAppointmentList } from "./pages/booking-page";
import { TestData } from "./pages/profile-page";
import { SearchPage } from "./pages/search-page";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// The dentist in Berlin: no other spec books with him, so his slots are ours.
const dentist = doctorSeed[5]!;
const data = new TestData();
let reviewText = "";

test.beforeAll(async () => {
  // A past, completed visit by someone else, reviewed: what a patient reads before booking.
  const reviewer = await data.patient("Greta Vogel");
  reviewText = `Gentle and thorough, explained every step (${Date.now()}).`;
  await data.review(await data.pastVisit(dentist.id, reviewer.id), 5, reviewText);
});
test.afterAll(() => data.close());

test("a patient searches by specialization and city, opens the doctor, reads reviews and books", async ({ page, signIn }) => {
  const patient = await data.patient("Sam Searcher");
  await signIn(patient.email);

  const search = new SearchPage(page);
  await search.goto();
  await search.search({ specialization: "Dentistry", city: "Berlin" });
  await expect(page).toHaveURL(/specialization=dentistry/);
  await expect(page).toHaveURL(/city=Berlin/);
  await expect(search.results).toHaveCount(1);
  await expect(search.results.first()).toContainText("Dentistry");
  await expect(search.results.first()).toContainText(/Next free: /);

  await search.doctorLink(dentist.fullName).click();
  await expect(page.getByRole("heading", { name: dentist.fullName, level: 1 })).toBeVisible();
  const reviews = page.getByRole("list", { name: "Reviews" });
  await expect(reviews).toContainText(reviewText);
  await expect(reviews).toContainText("Greta V.");

  // The back button returns to the same search, filters filled in from the URL.
  await page.goBack();
  await expect(search.specialization).toHaveValue("dentistry");
  await expect(search.city).toHaveValue("Berlin");
  await search.doctorLink(dentist.fullName).click();

  const booking = new BookingPage(page);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  await booking.book("Found through search");
  await expectAppointmentBooked(page);
  await openAppointmentList(page);
  await expect(page.getByRole("table", { name: "Upcoming appointments" })).toContainText(dentist.fullName);
});

test("availability filters and sorts run against real free times", async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  await search.search({ city: "Berlin", within: "Within 14 days", sort: "Earliest available" });
  await expect(page).toHaveURL(/within=14/);
  await expect(page).toHaveURL(/sort=earliest/);
  const count = await search.results.count();
  expect(count).toBeGreaterThan(0);
  // Every result shows its next free slot, and the unverified Berlin doctor never appears.
  for (let i = 0; i < count; i++) await expect(search.results.nth(i)).toContainText("Next free: ");
  await expect(page.getByRole("link", { name: "Dr. Noah Klein" })).toHaveCount(0);
});

test("a search with no match says so and offers to widen it", async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto("?city=Berlin&maxPrice=1");
  await expect(page.getByText("No doctors match this search.")).toBeVisible();
  await page.getByRole("link", { name: "Remove the max price" }).click();
  await expect(search.results.first()).toBeVisible();
  await expect(search.maxPrice).toHaveValue("");
});

test("bad query strings get the normal page and a notice, never an error", async ({ page }) => {
  const bad = [
    "?maxPrice=-5",
    "?specialization=astrology",
    "?near=here&lat=52.5&lng=13.4&radius=1000000000",
    "?city=Berlin%27%3B%20DROP%20TABLE%20users%3B%20--",
    "?q=%25%27%20OR%201%3D1%20--&sort=%3Bdelete",
    "?page=-1&minRating=NaN&within=forever&minYears=1e9",
  ];
  for (const query of bad) {
    const response = await page.goto(`/doctors${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "Find a doctor", level: 1 })).toBeVisible();
  }
  await page.goto("/doctors?maxPrice=-5&specialization=astrology");
  await expect(page.getByText('We do not know the specialization "astrology"')).toBeVisible();
  await expect(page.getByText("The max price must be a number")).toBeVisible();
});

test("axe finds no serious or critical violation on /doctors and on a doctor's page with reviews", async ({ page }) => {
  await new SearchPage(page).goto("?city=Berlin&sort=price");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/doctors?city=Nowhere");
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/doctors/${dentist.id}`);
  await expect(page.getByRole("list", { name: "Reviews" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
