import { expect, type Locator, type Page } from "@playwright/test";

/** The one "not found" page, for things that do not exist and things that are not the person's to see. */
export class NotFoundPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Page not found" });
  }

  /** Asserts the not-found page is shown, in a single main landmark. */
  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByRole("main")).toHaveCount(1);
    await expect(this.page.locator("#main")).toHaveCount(1);
    await expect(this.page.getByRole("main")).toContainText("There is nothing at this address, or you do not have access to it.");
  }
}
