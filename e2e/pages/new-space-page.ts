import { expect, type Locator, type Page } from "@playwright/test";
import { expectHydrated } from "../support/hydration";

export type NewSpaceInput = {
  name: string;
  purpose?: string;
  ceilingMarking?: string;
  defaultMarking?: string;
  /** Agreement references to tick, e.g. "ISA-SW-001". */
  agreements?: string[];
  isMvOnly?: boolean;
  /** The template's label, e.g. "Joint investigation". */
  template?: string;
};

/** /spaces/new: the form a supervisor or agency administrator opens a space with. */
export class NewSpacePage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly purpose: Locator;
  readonly ceilingMarking: Locator;
  readonly defaultMarking: Locator;
  readonly agreements: Locator;
  readonly isMvOnly: Locator;
  readonly template: Locator;
  readonly submit: Locator;
  /** Why the space was not created. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "New space" });
    this.name = page.getByLabel("Name", { exact: true });
    this.purpose = page.getByLabel("Purpose");
    this.ceilingMarking = page.getByLabel("Highest marking");
    this.defaultMarking = page.getByLabel("Default marking");
    this.agreements = page.getByRole("group", { name: "Sharing agreements" }).getByRole("checkbox");
    this.isMvOnly = page.getByLabel("MV posts only");
    this.template = page.getByLabel("Template");
    this.submit = page.getByRole("button", { name: "Create space" });
    this.error = page.getByRole("main").getByRole("alert");
  }

  /** Opens the form directly (callers assert what they get). */
  async goto(): Promise<void> {
    await this.page.goto("/spaces/new");
  }

  /** The checkbox of one agreement, by its reference. */
  agreement(reference: string): Locator {
    return this.page.getByRole("checkbox", { name: new RegExp(`^${reference} `) });
  }

  /** Fills in the form (only the fields given) without submitting it. */
  async fill(input: NewSpaceInput): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.name.fill(input.name);
    if (input.purpose !== undefined) await this.purpose.fill(input.purpose);
    if (input.ceilingMarking) await this.ceilingMarking.selectOption({ label: input.ceilingMarking });
    if (input.defaultMarking) await this.defaultMarking.selectOption({ label: input.defaultMarking });
    for (const reference of input.agreements ?? []) await this.agreement(reference).check();
    if (input.isMvOnly !== undefined) await this.isMvOnly.setChecked(input.isMvOnly);
    if (input.template) await this.template.selectOption({ label: input.template });
  }

  /** Submits the form as filled in (the caller asserts the outcome). */
  async create(): Promise<void> {
    await expectHydrated(this.submit);
    await this.submit.click();
  }
}
