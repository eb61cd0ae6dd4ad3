import { expect, type Locator, type Page } from "@playwright/test";

/** The demo cities as the pickers name them: country, region, city. */
export const DEMO_PLACES = {
  Berlin: ["Germany", "Berlin", "Berlin"],
  London: ["United Kingdom", "England", "London"],
} as const;

/** Country, then region, then city in a "Where" group (home page or /doctors), each list loading after the one before. */
export async function chooseWhere(where: Locator, city: keyof typeof DEMO_PLACES) {
  const [country, region, town] = DEMO_PLACES[city];
  await where.getByLabel("Country").selectOption({ label: country });
  await expect(where.getByLabel("Region").locator("option", { hasText: region }).first()).toBeAttached();
  await where.getByLabel("Region").selectOption({ label: region });
  await expect(where.getByLabel("City").locator("option", { hasText: town }).first()).toBeAttached();
  await where.getByLabel("City").selectOption({ label: town });
}

/** /doctors: the search form (stable labels) and its results. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/doctors${query}`);
    await expect(this.page.getByRole("heading", { name: "Find a doctor", level: 1 })).toBeVisible();
  }

  get specialization(): Locator {
    return this.page.getByLabel("Specialization");
  }

  /** "Where" is country → region → city (the places dataset): the city's select. */
  get city(): Locator {
    return this.page.getByRole("group", { name: "Where" }).getByLabel("City", { exact: true });
  }

  /** Chooses a demo city in "Where": its country, then its region, then the city, as a patient would. */
  async chooseWhere(city: keyof typeof DEMO_PLACES) {
    await chooseWhere(this.page.getByRole("group", { name: "Where" }), city);
  }

  get maxPrice(): Locator {
    return this.page.getByLabel("Max price");
  }

  get availableWithin(): Locator {
    return this.page.getByLabel("Available within");
  }

  get sortBy(): Locator {
    return this.page.getByLabel("Sort by");
  }

  async search(filters: { specialization?: string; city?: keyof typeof DEMO_PLACES; maxPrice?: string; within?: string; sort?: string }) {
    if (filters.specialization) await this.specialization.selectOption({ label: filters.specialization });
    if (filters.city !== undefined) await this.chooseWhere(filters.city);
    if (filters.maxPrice !== undefined) await this.maxPrice.fill(filters.maxPrice);
    if (filters.within) await this.availableWithin.selectOption({ label: filters.within });
    if (filters.sort) await this.sortBy.selectOption({ label: filters.sort });
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(this.page).toHaveURL(/\/doctors\?/);
  }

  get results(): Locator {
    return this.page.getByRole("list", { name: "Search results" }).getByRole("listitem");
  }

  /** A result's link, named after the doctor. */
  doctorLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  get notices(): Locator {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }
}
