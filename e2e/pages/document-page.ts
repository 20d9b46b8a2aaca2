import type { Locator, Page } from "@playwright/test";

/** /documents/[documentId]: a document's metadata between its marking banners. */
export class DocumentPage {
  readonly heading: Locator;
  readonly topMarking: Locator;
  readonly bottomMarking: Locator;
  /** "You may: read, …" as the server's policy decided it. */
  readonly permissions: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("main").getByRole("heading", { level: 1 });
    this.topMarking = page.getByRole("note", { name: "Document marking (top)" });
    this.bottomMarking = page.getByRole("note", { name: "Document marking (bottom)" });
    this.permissions = page.getByTestId("document-permissions");
  }

  /** Opens a document by id (callers assert what they get). */
  async goto(documentId: string): Promise<void> {
    await this.page.goto(`/documents/${documentId}`);
  }
}
