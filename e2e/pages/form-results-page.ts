import fs from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";

/** A form's results page (/forms/{id}/results): the filter form, the table, the count, the empty state and the CSV export. */
export class FormResultsPage {
  readonly filters: Locator;
  readonly status: Locator;
  readonly space: Locator;
  readonly submittedBy: Locator;
  readonly submittedFrom: Locator;
  readonly submittedTo: Locator;
  readonly answersContain: Locator;
  readonly applyButton: Locator;
  readonly table: Locator;
  readonly count: Locator;
  readonly empty: Locator;
  readonly exportLink: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole("search", { name: "Filter submissions" });
    this.status = this.filters.getByLabel("Status", { exact: true });
    this.space = this.filters.getByLabel("Space", { exact: true });
    this.submittedBy = this.filters.getByLabel("Submitted by", { exact: true });
    this.submittedFrom = this.filters.getByLabel("Submitted from", { exact: true });
    this.submittedTo = this.filters.getByLabel("Submitted to", { exact: true });
    this.answersContain = this.filters.getByLabel("Answers contain", { exact: true });
    this.applyButton = this.filters.getByRole("button", { name: "Apply filters" });
    this.table = page.getByRole("table", { name: /^Submissions of / });
    this.count = page.getByTestId("results-count");
    this.empty = page.getByTestId("results-empty");
    this.exportLink = page.getByRole("link", { name: /^Export CSV/ });
    this.problem = page.getByRole("alert").filter({ hasText: "There is a problem with the filters" });
  }

  /** Opens the results of a form, with a query string if given (e.g. "?status=submitted"). */
  async goto(formId: string, query = ""): Promise<void> {
    await this.page.goto(`/forms/${formId}/results${query}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText("Results");
  }

  /** The table's rows (not its header) holding this text. */
  rowsWith(text: string): Locator {
    return this.table.locator("tbody").getByRole("row").filter({ hasText: text });
  }

  /** Exports the results shown as CSV through the page's link; returns the file's name and its text. */
  async exportCsv(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportLink.click()]);
    await expect(download.failure()).resolves.toBeNull();
    return { filename: download.suggestedFilename(), text: await fs.readFile(await download.path(), "utf8") };
  }
}
