import { expect, type Locator, type Page } from "@playwright/test";

/** The home page: search box with suggestions, most connected datasets, benchmarks. */
export class HomePage {
  readonly searchInput: Locator;
  readonly suggestions: Locator;

  constructor(readonly page: Page) {
    this.searchInput = page.getByTestId("search-input");
    this.suggestions = page.getByTestId("search-suggestions");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.searchInput).toBeVisible();
  }

  /** Type like a person (one key at a time), so suggestions are fetched as they would be. */
  async type(text: string) {
    await this.searchInput.click();
    await this.searchInput.pressSequentially(text, { delay: 40 });
  }

  suggestion(key: string): Locator {
    return this.suggestions.locator(`[data-key="${key}"]`);
  }
}
