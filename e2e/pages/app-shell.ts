import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in shell around every page: banners, header, navigation, sign out. */
export class AppShell {
  /** The "who is signed in" block in the header: name, agency, vetting. */
  readonly who: Locator;
  readonly nav: Locator;
  readonly navLinks: Locator;
  readonly signOutButton: Locator;
  readonly skipLink: Locator;
  readonly main: Locator;
  readonly topBanner: Locator;
  readonly bottomBanner: Locator;
  /** The warning shown under the header when the person's vetting has expired. */
  readonly vettingWarning: Locator;

  constructor(readonly page: Page) {
    this.who = page.getByTestId("who");
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.navLinks = this.nav.getByRole("link");
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
    this.skipLink = page.getByRole("link", { name: "Skip to main content" });
    this.main = page.getByRole("main");
    this.topBanner = page.getByRole("note", { name: "Classification banner (top)" });
    this.bottomBanner = page.getByRole("note", { name: "Classification banner (bottom)" });
    this.vettingWarning = page.getByRole("status").filter({ hasText: "Your vetting expired" });
  }

  /** Asserts the header names this person and their agency. */
  async expectSignedInAs(person: { name: string; agencyName: string }): Promise<void> {
    await expect(this.who).toContainText(person.name);
    await expect(this.who).toContainText(person.agencyName);
  }

  /** Signs out and waits for the sign-in page. */
  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/signin\?signedOut=1$/);
  }
}
