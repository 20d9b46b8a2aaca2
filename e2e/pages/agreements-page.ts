import { expect, type Locator, type Page } from "@playwright/test";

/**
 * /admin/agreements and below: the list of sharing agreements, one agreement's page with its
 * status actions and their impact preview, and the new / edit form.
 */
export class AgreementsPage {
  readonly listHeading: Locator;
  readonly newButton: Locator;
  /** The impact preview shown before a status change is confirmed. */
  readonly statusPreview: Locator;
  /** The impact preview shown before edits are saved. */
  readonly editPreview: Locator;
  /** The error an action or form reports. */
  readonly alert: Locator;
  readonly details: Locator;
  readonly boundSpaces: Locator;

  constructor(readonly page: Page) {
    this.listHeading = page.getByRole("heading", { level: 1, name: "Sharing agreements" });
    this.newButton = page.getByRole("link", { name: "New agreement" });
    this.statusPreview = page.getByTestId("status-preview");
    this.editPreview = page.getByTestId("edit-preview");
    this.alert = page.getByRole("main").getByRole("alert");
    this.details = page.getByTestId("agreement-details");
    this.boundSpaces = page.getByTestId("bound-spaces");
  }

  /** Opens the list and waits for it. */
  async gotoList(): Promise<void> {
    await this.page.goto("/admin/agreements");
    await expect(this.listHeading).toBeVisible();
  }

  /** The list's row of one agreement. */
  row(reference: string): Locator {
    return this.page.getByTestId(`agreement-${reference}`);
  }

  /** The heading of an agreement's page. */
  heading(reference: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: new RegExp(`^${reference}: `) });
  }

  /** From the list, opens one agreement's page. */
  async open(reference: string): Promise<void> {
    await this.row(reference).getByRole("link", { name: reference }).click();
    await expect(this.heading(reference)).toBeVisible();
  }

  /** The status badge of an agreement on the list. */
  listStatus(reference: string): Locator {
    return this.row(reference).getByRole("cell").nth(4);
  }

  /** On an agreement's page: asks for a status change ("Suspend", "Reactivate", …) and waits for its impact preview. */
  async previewStatusChange(button: "Activate" | "Reactivate" | "Suspend" | "Mark expired"): Promise<Locator> {
    await this.page.getByRole("button", { name: new RegExp(`^${button}\\b`) }).click();
    await expect(this.statusPreview).toBeVisible();
    // Focus moves to the preview's heading, so keyboard users land on what they must confirm.
    await expect(this.statusPreview.getByRole("heading", { level: 3 })).toBeFocused();
    return this.statusPreview;
  }

  /** Confirms the previewed status change and waits for the outcome to be announced. */
  async confirmStatusChange(expectedMessage: RegExp | string): Promise<void> {
    await this.statusPreview.getByRole("button", { name: /^Confirm: / }).click();
    await expect(this.page.getByRole("main").getByRole("status").filter({ hasText: expectedMessage })).toBeVisible();
    await expect(this.statusPreview).toHaveCount(0);
  }

  /** Dismisses the previewed status change without saving. */
  async cancelStatusChange(): Promise<void> {
    await this.statusPreview.getByRole("button", { name: "Cancel" }).click();
    await expect(this.statusPreview).toHaveCount(0);
  }

  /** The party tick box of an agency on the form, by its code. */
  partyBox(code: string): Locator {
    return this.page.getByTestId(`party-${code}`).getByRole("checkbox");
  }

  /** The lawful basis field of an agency on the form, by its name. */
  lawfulBasis(agencyName: string): Locator {
    return this.page.getByLabel(`Lawful basis for ${agencyName}`);
  }
}
