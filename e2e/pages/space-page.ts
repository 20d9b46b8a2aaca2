import { expect, type Locator, type Page } from "@playwright/test";

/** /spaces/[spaceId]: a space's details and the documents the signed-in person may open. */
export class SpacePage {
  readonly heading: Locator;
  /** One row per document listed. */
  readonly documentRows: Locator;
  /** The document titles, one per row (each a link to the document). */
  readonly documentTitles: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("main").getByRole("heading", { level: 1 });
    this.documentRows = page.getByTestId("document-row");
    this.documentTitles = this.documentRows.getByRole("link");
  }

  /** Opens a space by id and waits for its heading. */
  async goto(spaceId: string, name: string): Promise<void> {
    await this.page.goto(`/spaces/${spaceId}`);
    await expect(this.heading).toHaveText(name);
  }

  /** Asserts exactly these documents are listed, in any order. */
  async expectDocuments(titles: readonly string[]): Promise<void> {
    await expect(this.documentRows).toHaveCount(titles.length);
    expect((await this.documentTitles.allTextContents()).sort()).toEqual([...titles].sort());
  }

  /** Opens a listed document by its title. */
  async openDocument(title: string): Promise<void> {
    await this.documentTitles.filter({ hasText: title }).click();
    await expect(this.page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  }
}
