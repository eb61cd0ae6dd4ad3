import { doctorSeed } from "../db/seed-data";
import { ProfilePage, TestData } from "./pages/profile-page";
import { RegisterPage } from "./pages/register-page";
import { SearchPage } from "./pages/search-page";
import { SignInPage } from "./pages/sign-in-page";
import { DESKTOP, expect, test, uniqueEmail } from "./fixtures";

// Issue #15: real places instead of typed coordinates — country → region → city
// from the offline dataset, in the doctor's profile, at registration and in search.

const data = new TestData();
test.afterAll(() => data.close());
test.use({ viewport: DESKTOP });

const berliners = doctorSeed.filter((d) => d.city === "Berlin" && d.verified).map((d) => d.fullName);
const londoners = doctorSeed.filter((d) => d.city === "London" && d.verified).map((d) => d.fullName);

test("a doctor chooses Germany → Berlin → Berlin and the coordinates fill themselves, then are saved", async ({ page, signIn }) => {
  const doctor = await data.doctor("Dr. Petra Places");
  await signIn(doctor.email);
  const profile = new ProfilePage(page);
  await profile.gotoDoctor();

  await page.getByLabel("Country").selectOption({ label: "Germany" });
  await page.getByLabel("Region").selectOption({ label: "Berlin" });
  await page.getByLabel("City").selectOption({ label: "Berlin" });
  await expect(page.getByLabel("Latitude")).toHaveValue("52.5244");
  await expect(page.getByLabel("Longitude")).toHaveValue("13.4105");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Country")).toHaveValue("DE");
  await expect(page.getByLabel("Region")).toHaveValue("BE");
  await expect(page.getByLabel("City")).toHaveValue("Berlin");
  await expect(page.getByLabel("Latitude")).toHaveValue("52.5244");
});

test.describe("with the browser's position shared", () => {
  // Kreuzberg, a little south-east of the city's own point.
  test.use({ geolocation: { latitude: 52.49876, longitude: 13.40392 }, permissions: ["geolocation"] });

  test("a doctor refines the city's coordinates with “Use my current location”, no map needed", async ({ page, signIn }) => {
    const doctor = await data.doctor("Dr. Lotte Locate");
    await signIn(doctor.email);
    await new ProfilePage(page).gotoDoctor();
    await page.getByLabel("Country").selectOption({ label: "Germany" });
    await page.getByLabel("Region").selectOption({ label: "Berlin" });
    await page.getByLabel("City").selectOption({ label: "Berlin" });
    await expect(page.getByLabel("Latitude")).toHaveValue("52.5244");
    await page.getByRole("button", { name: "Use my current location" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Latitude and longitude set from your current location. Save to keep them." })).toBeVisible();
    await expect(page.getByLabel("Latitude")).toHaveValue("52.4988");
    await expect(page.getByLabel("Longitude")).toHaveValue("13.4039");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("City")).toHaveValue("Berlin");
    await expect(page.getByLabel("Latitude")).toHaveValue("52.4988");
  });
});

test("search by region finds Berlin's doctors and nobody from London", async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto();
  await page.getByLabel("Country").selectOption({ label: "Germany" });
  await page.getByLabel("Region").selectOption({ label: "Berlin" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/country=DE&region=BE/);
  for (const name of berliners) await expect(search.doctorLink(name)).toBeVisible();
  for (const name of londoners) await expect(search.doctorLink(name)).toHaveCount(0);
  // Another region of the same country has none of them.
  await search.goto("?country=DE&region=BY");
  for (const name of berliners) await expect(search.doctorLink(name)).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search: choosing the country and applying brings its regions, then the region filters", async ({ page }) => {
    const search = new SearchPage(page);
    await search.goto();
    await page.getByLabel("Country").selectOption({ label: "Germany" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByLabel("Region").selectOption({ label: "Berlin" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/country=DE&region=BE/);
    await expect(search.doctorLink(berliners[0]!)).toBeVisible();
  });

  test("a doctor's profile is filled in step by step, and the server fills the coordinates from the city", async ({ page, signIn }) => {
    const doctor = await data.doctor("Dr. Nora Noscript");
    await signIn(doctor.email);
    await new ProfilePage(page).gotoDoctor();
    await page.getByLabel("Professional bio").fill("Typed before choosing the place: kept through each step.");
    await page.getByLabel("Country").selectOption({ label: "Germany" });
    await page.getByRole("button", { name: "Show regions and cities" }).click();
    await page.getByLabel("Region").selectOption({ label: "Berlin" });
    await page.getByRole("button", { name: "Show regions and cities" }).click();
    await page.getByLabel("City").selectOption({ label: "Berlin" });
    await expect(page.getByLabel("Professional bio")).toHaveValue("Typed before choosing the place: kept through each step.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await new ProfilePage(page).gotoDoctor();
    await expect(page.getByLabel("City")).toHaveValue("Berlin");
    await expect(page.getByLabel("Latitude")).toHaveValue("52.52437");
    await expect(page.getByLabel("Longitude")).toHaveValue("13.41053");
  });
});

test("registration's optional “Where are you?” saves the place, coordinates and all", async ({ page }) => {
  const email = uniqueEmail("placed");
  const password = "a long enough passphrase";
  await page.goto("/register");
  const where = page.getByRole("group", { name: "Where are you?" });
  await where.getByLabel("Country").selectOption({ label: "Germany" });
  await where.getByLabel("Region").selectOption({ label: "Berlin" });
  await where.getByLabel("City").selectOption({ label: "Berlin" });
  await new RegisterPage(page).register({ fullName: "Paula Place", email, password, role: "Patient" }, { onPage: true });
  await expect(page).toHaveURL(/\/login\?registered=1/);

  await new SignInPage(page).confirmAndSignIn(email, password, /\/patient$/);
  await new ProfilePage(page).gotoPatient();
  await expect(page.getByLabel("Country")).toHaveValue("DE");
  await expect(page.getByLabel("Region")).toHaveValue("BE");
  await expect(page.getByLabel("City")).toHaveValue("Berlin");
  // The city's coordinates were saved with it: "near my saved location" is offered.
  await page.goto("/doctors");
  await expect(page.getByLabel("Near").locator("option", { hasText: "My saved location" })).toHaveCount(1);
});
