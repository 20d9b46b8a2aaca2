import { expect, type Locator, type Page } from "@playwright/test";

/** /spaces: the cards of the spaces the signed-in person belongs to. */
export class SpacesPage {
  readonly heading: Locator;
  readonly cards: Locator;
  /** The names of the spaces, one per card. */
  readonly names: Locator;
  /** Shown only to people who may open spaces. */
  readonly newSpaceButton: Locator;
  /** The "Access reviews due" panel. */
  readonly reviewsDue: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Your spaces" });
    this.cards = page.getByTestId("space-card");
    this.names = this.cards.getByRole("heading", { level: 2 });
    this.newSpaceButton = page.getByRole("main").getByRole("link", { name: "New space" });
    this.reviewsDue = page.getByTestId("reviews-due");
  }

  /** The card of one space, by name. */
  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole("heading", { level: 2, name, exact: true }) });
  }

  /** Opens /spaces (callers assert where they end up). */
  async goto(): Promise<void> {
    await this.page.goto("/spaces");
  }

  /** Asserts exactly these spaces are listed, in this order (the page sorts them by name). */
  async expectSpaces(names: readonly string[]): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.names).toHaveText([...names]);
  }
}
