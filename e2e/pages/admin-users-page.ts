import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/users: an agency administrator's list of their agency's people. */
export class AdminUsersPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: /^People of / });
  }

  /** Opens the page and waits for it to be shown. */
  async goto(): Promise<void> {
    await this.page.goto("/admin/users");
    await expect(this.heading).toBeVisible();
  }

  /** The table row of one person. */
  row(email: string): Locator {
    return this.page.getByTestId(`user-${email}`);
  }

  /** The status badge text of one person ("active" or "disabled"). */
  status(email: string): Locator {
    return this.row(email).getByRole("cell").nth(3);
  }

  /** Disables a person and waits for the outcome to be announced. */
  async disable(email: string): Promise<void> {
    const row = this.row(email);
    await row.getByRole("button", { name: /^Disable\b/ }).click();
    await expect(row.getByRole("status")).toContainText(/Disabled; \d+ session\(s\) ended\./);
    await expect(this.status(email)).toHaveText("disabled");
  }

  /** Re-enables a person and waits for the outcome to be announced. */
  async enable(email: string): Promise<void> {
    const row = this.row(email);
    await row.getByRole("button", { name: /^Enable\b/ }).click();
    await expect(row.getByRole("status")).toContainText("Enabled.");
    await expect(this.status(email)).toHaveText("active");
  }

  /** Ends a person's sessions; returns how many the page says were ended. */
  async endSessions(email: string): Promise<number> {
    const row = this.row(email);
    await row.getByRole("button", { name: /^End sessions\b/ }).click();
    const status = row.getByRole("status");
    await expect(status).toContainText(/\d+ session\(s\) ended\./);
    const match = /(\d+) session\(s\) ended\./.exec((await status.textContent()) ?? "");
    return Number(match?.[1]);
  }
}
