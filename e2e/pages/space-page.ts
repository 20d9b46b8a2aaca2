import { expect, type Locator, type Page } from "@playwright/test";
import { expectHydrated } from "../support/hydration";

/** /spaces/[spaceId]: a space's details, documents, members, access review, lifecycle and activity. */
export class SpacePage {
  readonly heading: Locator;
  /** One row per document listed. */
  readonly documentRows: Locator;
  /** The document titles, one per row (each a link to the document). */
  readonly documentTitles: Locator;
  /** The space's own marking banners (its highest marking), above and below its content. */
  readonly topMarking: Locator;
  readonly bottomMarking: Locator;
  readonly overview: Locator;
  readonly status: Locator;
  /** The frozen or archived notice. */
  readonly statusNotice: Locator;
  readonly memberRows: Locator;
  readonly addPeopleButton: Locator;
  readonly addPeople: AddPeopleDialog;
  readonly confirmAccessButton: Locator;
  readonly lifecycle: Locator;
  readonly activity: Locator;
  /** "This space is no longer available to you", when access ends while the page is open. */
  readonly goneAlert: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole("main");
    this.heading = main.getByRole("heading", { level: 1 });
    this.documentRows = page.getByTestId("document-row");
    this.documentTitles = this.documentRows.getByRole("link");
    this.topMarking = page.getByRole("note", { name: "Space marking (top)" });
    this.bottomMarking = page.getByRole("note", { name: "Space marking (bottom)" });
    this.overview = page.getByTestId("space-overview");
    this.status = page.getByTestId("space-status");
    this.statusNotice = page.getByTestId("space-status-notice");
    this.memberRows = page.getByTestId("member-row");
    this.addPeopleButton = main.getByRole("button", { name: "Add people" });
    this.addPeople = new AddPeopleDialog(page);
    this.confirmAccessButton = main.getByRole("button", { name: "Confirm everyone still needs access" });
    this.lifecycle = main.getByRole("region", { name: "Lifecycle" });
    this.activity = page.getByTestId("activity-item");
    this.goneAlert = main.getByRole("alert").filter({ hasText: "no longer available to you" });
  }

  /** Opens a space by id and waits for its heading. */
  async goto(spaceId: string, name: string): Promise<void> {
    await this.page.goto(`/spaces/${spaceId}`);
    await expect(this.heading).toHaveText(name);
  }

  /** The id of the space shown, from the address. */
  spaceId(): string {
    const match = /\/spaces\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname);
    if (!match) throw new Error(`not on a space page: ${this.page.url()}`);
    return match[1]!;
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

  /** The members table row of one person, by name. */
  member(name: string): Locator {
    return this.memberRows.filter({ has: this.page.getByRole("cell").filter({ hasText: name }) });
  }

  /** The cell of a member's role (a select for owners, text otherwise). */
  memberRole(name: string): Locator {
    return this.member(name).getByRole("cell").nth(2);
  }

  /** Asserts exactly these people are members, in any order. */
  async expectMembers(names: readonly string[]): Promise<void> {
    await expect(this.memberRows).toHaveCount(names.length);
    for (const name of names) await expect(this.member(name)).toHaveCount(1);
  }

  /** Removes a member through the confirmation dialog and waits for their row to go. */
  async removeMember(name: string): Promise<void> {
    const button = this.member(name).getByRole("button", { name: `Remove ${name}` });
    await expectHydrated(button);
    await button.click();
    const dialog = this.page.getByRole("dialog", { name: `Remove ${name}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(this.member(name)).toHaveCount(0);
  }

  /** Opens the "Leave space" confirmation from the signed-in person's own row (the caller confirms). */
  async leave(): Promise<void> {
    const button = this.memberRows.filter({ hasText: "(you)" }).getByRole("button", { name: "Leave space" });
    await expectHydrated(button);
    await button.click();
    await expect(this.page.getByRole("dialog", { name: /^Leave / })).toBeVisible();
  }

  /** Runs a lifecycle action (Freeze, Reopen, Archive) and confirms it in its dialog. */
  async lifecycleAction(label: "Freeze" | "Reopen" | "Archive"): Promise<void> {
    const button = this.lifecycle.getByRole("button", { name: label, exact: true });
    await expectHydrated(button);
    await button.click();
    const dialog = this.page.getByRole("dialog", { name: new RegExp(`^${label} `) });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: `${label} space` }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The owner's "Add people" dialog on a space page. */
export class AddPeopleDialog {
  readonly dialog: Locator;
  readonly search: Locator;
  /** "N people found." and the like. */
  readonly searchStatus: Locator;
  readonly candidates: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: /^Add people to / });
    this.search = this.dialog.getByLabel("Search by name or e-mail address");
    this.searchStatus = this.dialog.getByRole("status").first();
    this.candidates = this.dialog.getByTestId("candidate");
  }

  /** Opens the dialog from the space page; the search box has focus. */
  async open(): Promise<void> {
    const button = this.page.getByRole("main").getByRole("button", { name: "Add people" });
    await expectHydrated(button);
    await button.click();
    await expect(this.dialog).toBeVisible();
    await expect(this.search).toBeFocused();
  }

  /** Types a search and waits for its results. */
  async searchFor(query: string): Promise<void> {
    await this.search.fill(query);
    await expect(this.searchStatus).toHaveText(/found\.$/);
  }

  /** The result for one person, by name. */
  candidate(name: string): Locator {
    return this.candidates.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Adds a listed person in a role (by its label) and returns what the dialog announces. */
  async add(name: string, role?: string): Promise<Locator> {
    const candidate = this.candidate(name);
    if (role) await candidate.getByLabel(`Role for ${name}`).selectOption({ label: role });
    await candidate.getByRole("button", { name: `Add ${name}` }).click();
    const outcome = candidate.getByRole("status").or(candidate.getByRole("alert"));
    await expect(outcome).toBeVisible();
    return outcome;
  }

  /** Closes the dialog. */
  async close(): Promise<void> {
    await this.dialog.getByRole("button", { name: "Close" }).click();
    await expect(this.dialog).toBeHidden();
  }
}
