import { expect, type Locator, type Page } from "@playwright/test";

/** Every demo account's password (domain.md §8). */
export const DEMO_PASSWORD = "accord-demo";

/** The /signin page: the demo e-mail and password form and its messages. */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level error (wrong credentials and the like). */
  readonly error: Locator;
  /** The "You have signed out." notice. */
  readonly signedOutNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Sign in to Accord" });
    this.email = page.getByLabel("E-mail address");
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
    // Inside main: Next.js keeps its own (empty) role=alert route announcer outside it.
    this.error = page.getByRole("main").getByRole("alert");
    this.signedOutNotice = page.getByRole("main").getByRole("status").filter({ hasText: "You have signed out." });
  }

  /** Opens the sign-in page. */
  async goto(): Promise<void> {
    await this.page.goto("/signin");
    await this.expectShown();
  }

  /** Asserts that the browser is on the sign-in page. */
  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/signin(\?|$)/);
    await expect(this.heading).toBeVisible();
  }

  /** Fills in and submits the form; does not wait for the outcome. */
  async signIn(email: string, password: string = DEMO_PASSWORD): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in from a fresh sign-in page and waits until the spaces page is reached. */
  async signInAndWait(email: string, password: string = DEMO_PASSWORD): Promise<void> {
    await this.goto();
    await this.signIn(email, password);
    await expect(this.page).toHaveURL(/\/spaces$/);
  }
}
