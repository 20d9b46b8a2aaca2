import { expect, type Locator, type Page } from "@playwright/test";
import { expectHydrated } from "../support/hydration";

/** /settings/tokens: the signed-in person's personal access tokens for the API. */
export class TokensPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly expiresAfter: Locator;
  readonly create: Locator;
  /** The new token's secret, shown once after "Create token". */
  readonly newToken: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "API tokens" });
    this.name = page.getByLabel("Name");
    this.expiresAfter = page.getByLabel("Expires after");
    this.create = page.getByRole("button", { name: "Create token" });
    this.newToken = page.getByTestId("new-token");
    this.rows = page.getByTestId("token-row");
  }

  /** Opens the page and waits for it to be shown. */
  async goto(): Promise<void> {
    await this.page.goto("/settings/tokens");
    await expect(this.heading).toBeVisible();
  }

  /** The list row of the token with this name. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  /** Creates a token and returns its secret as the page shows it (once). */
  async createToken(name: string, expiresAfter = "30 days"): Promise<string> {
    await this.name.fill(name);
    await this.expiresAfter.selectOption({ label: expiresAfter });
    await expectHydrated(this.create);
    await this.create.click();
    await expect(this.newToken).toHaveText(/^acc_pat_[A-Za-z0-9_-]{43}$/);
    await expect(this.row(name)).toHaveCount(1);
    return ((await this.newToken.textContent()) ?? "").trim();
  }

  /** Revokes the token with this name and waits for the list to say so. */
  async revoke(name: string): Promise<void> {
    const button = this.row(name).getByRole("button", { name: `Revoke ${name}` });
    await expectHydrated(button);
    await button.click();
    await expect(this.row(name)).toContainText("revoked");
    await expect(this.row(name).getByRole("button")).toHaveCount(0);
  }
}
