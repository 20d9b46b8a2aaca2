import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/explain: an agency administrator asks whether a person can read a document, and why. */
export class ExplainPage {
  readonly heading: Locator;
  readonly person: Locator;
  readonly document: Locator;
  readonly explainButton: Locator;
  /** "<person> can|cannot read “<title>”". */
  readonly verdict: Locator;
  /** One per check, in order; each says whether it was met. */
  readonly steps: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Explain access" });
    this.person = page.getByLabel("Person");
    this.document = page.getByLabel("Document");
    this.explainButton = page.getByRole("button", { name: "Explain" });
    this.verdict = page.getByTestId("verdict");
    this.steps = page.getByTestId("explain-step");
  }

  /** Opens the page and waits for the form. */
  async goto(): Promise<void> {
    await this.page.goto("/admin/explain");
    await expect(this.heading).toBeVisible();
  }

  /**
   * Picks a person by name and a document by the start of its option ("<space>: <title>", the
   * option then adds the marking), and asks.
   */
  async explain(personName: string, documentLabel: string): Promise<void> {
    await this.person.selectOption({ label: personName });
    const labels = (await this.document.locator("option").allTextContents()).filter((l) => l.startsWith(`${documentLabel} (`));
    expect(labels, `one document option starts with "${documentLabel}"`).toHaveLength(1);
    await this.document.selectOption({ label: labels[0]! });
    await this.explainButton.click();
    await expect(this.verdict).toBeVisible();
  }

  /** The steps that were not met. */
  failedSteps(): Locator {
    return this.steps.filter({ hasText: "(not met)" });
  }
}
