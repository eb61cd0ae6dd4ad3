import { expect, type Locator, type Page } from "@playwright/test";

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

  get city(): Locator {
    return this.page.getByLabel("Where", { exact: true });
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

  async search(filters: { specialization?: string; city?: string; maxPrice?: string; within?: string; sort?: string }) {
    if (filters.specialization) await this.specialization.selectOption({ label: filters.specialization });
    if (filters.city !== undefined) await this.city.fill(filters.city);
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
