/**
 * Sharing agreements administration (issue 4: "Agreements admin", "Revocation is immediate"):
 * Sam, DCP's agency administrator, sees what suspending ISA-SW-001 would do before confirming it;
 * Alex (Dorset Police), in his own browser, loses Operation Kestrel on his next request and gets it
 * back when Sam reactivates it. Every test leaves the scenario as it found it, so that other specs
 * are unaffected.
 */
import { test, expect, PEOPLE, SPACES, type Session } from "./fixtures";
import { AgreementsPage } from "./pages/agreements-page";

const ISA = "ISA-SW-001";

/** Alex's /spaces: Kestrel is there, or not. */
async function expectKestrelListed(alex: Session, isListed: boolean): Promise<void> {
  await alex.spaces.goto();
  await expect(alex.spaces.heading).toBeVisible();
  await expect(alex.spaces.names.filter({ hasText: SPACES.kestrel })).toHaveCount(isListed ? 1 : 0);
}

test.describe("agreements", () => {
  test("Sam suspends ISA-SW-001 after seeing who loses access; Alex loses Operation Kestrel at once and regains it on reactivation", async ({
    openSession,
    scenario,
  }) => {
    const sam = await openSession(PEOPLE.sam);
    const alex = await openSession(PEOPLE.alex);
    const agreements = new AgreementsPage(sam.page);
    const kestrelUrl = `/spaces/${scenario.spaces.kestrel.id}`;
    await expectKestrelListed(alex, true);

    let isSuspended = false;
    try {
      await sam.shell.nav.getByRole("link", { name: "Agreements" }).click();
      await expect(agreements.listHeading).toBeVisible();
      await expect(agreements.listStatus(ISA)).toHaveText("active");
      await agreements.open(ISA);
      await expect(agreements.boundSpaces).toContainText(SPACES.kestrel);

      // The preview names the space and the person, and saves nothing until confirmed.
      const preview = await agreements.previewStatusChange("Suspend");
      await expect(preview).toContainText(`Before you suspend ${ISA}`);
      await expect(preview.getByTestId("impact-summary")).toHaveText(`1 space runs under ${ISA}. 1 person would lose access.`);
      await expect(preview.getByTestId("impact-space")).toHaveCount(1);
      await expect(preview.getByTestId("impact-space")).toContainText(SPACES.kestrel);
      await expect(preview.getByTestId("impact-space")).toContainText("Would lose access:");
      await expect(preview.getByTestId("impact-space")).toContainText(PEOPLE.alex.name);
      await agreements.cancelStatusChange();
      await expectKestrelListed(alex, true);

      await agreements.previewStatusChange("Suspend");
      await agreements.confirmStatusChange(`${ISA} is now suspended. 1 person has lost access.`);
      isSuspended = true;
      await expect(sam.page.getByRole("button", { name: /^Reactivate\b/ })).toBeVisible();

      // Alex's very next request: Kestrel has gone from his list, and its address is a 404 to him.
      await expectKestrelListed(alex, false);
      await alex.page.goto(kestrelUrl);
      await alex.notFound.expectShown();

      const reactivation = await agreements.previewStatusChange("Reactivate");
      await expect(reactivation.getByTestId("impact-summary")).toHaveText(`1 space runs under ${ISA}. Nobody would lose access. 1 person would regain access.`);
      await expect(reactivation.getByTestId("impact-space")).toContainText("Would regain access:");
      await expect(reactivation.getByTestId("impact-space")).toContainText(PEOPLE.alex.name);
      await agreements.confirmStatusChange(`${ISA} is now active. 1 person has regained access.`);
      isSuspended = false;

      await expectKestrelListed(alex, true);
      await alex.page.goto(kestrelUrl);
      await expect(alex.page.getByRole("heading", { level: 1, name: SPACES.kestrel })).toBeVisible();
    } finally {
      if (isSuspended) {
        // Put the scenario back for the other specs, whatever failed above.
        await sam.page.goto("/admin/agreements");
        await agreements.open(ISA);
        await agreements.previewStatusChange("Reactivate");
        await agreements.confirmStatusChange(/is now active/);
      }
    }
  });

  test("editing shows who would lose access before anything is saved", async ({ openSession }) => {
    const sam = await openSession(PEOPLE.sam);
    const alex = await openSession(PEOPLE.alex);
    const agreements = new AgreementsPage(sam.page);
    await agreements.gotoList();
    await agreements.open(ISA);
    await sam.page.getByRole("link", { name: `Edit ${ISA}` }).click();
    await expect(sam.page.getByRole("heading", { level: 1, name: `Edit ${ISA}` })).toBeVisible();

    // Swap Dorset Police for Cornwall Council: Alex would lose Kestrel.
    await agreements.partyBox("DOR").uncheck();
    await agreements.partyBox("CC").check();
    await agreements.lawfulBasis("Cornwall Council").fill("Crime and Disorder Act 1998 s.115");
    await sam.page.getByRole("button", { name: "Review changes" }).click();
    await expect(agreements.editPreview).toBeVisible();
    await expect(agreements.editPreview.getByRole("heading", { name: "What saving would do" })).toBeFocused();
    await expect(agreements.editPreview).toContainText("Parties removed: Dorset Police");
    await expect(agreements.editPreview).toContainText("Parties added: Cornwall Council");
    await expect(agreements.editPreview.getByTestId("impact-space")).toContainText(SPACES.kestrel);
    await expect(agreements.editPreview.getByTestId("impact-space")).toContainText(PEOPLE.alex.name);

    // Changing anything after the review withdraws it: the effect must be looked at again.
    await sam.page.getByLabel("Title", { exact: true }).fill("Strategic Alliance joint investigations (draft wording)");
    await expect(agreements.editPreview).toHaveCount(0);
    await expect(sam.page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

    // Leave without saving: nothing changed.
    await agreements.gotoList();
    await expect(agreements.row(ISA)).toContainText("Dorset Police");
    await expectKestrelListed(alex, true);
  });

  test("a new agreement is checked before it is saved, and what was typed is kept", async ({ signInAs, page }) => {
    await signInAs(PEOPLE.sam);
    const agreements = new AgreementsPage(page);
    await agreements.gotoList();
    await agreements.newButton.click();
    await expect(page.getByRole("heading", { level: 1, name: "New sharing agreement" })).toBeVisible();

    // Each run starts from a freshly seeded database (playwright.config.ts), so the reference is free.
    const reference = "ISA-EE-001";
    await page.getByLabel("Reference", { exact: true }).fill(reference);
    await page.getByLabel("Title", { exact: true }).fill("Exeter night-time economy");
    await agreements.lawfulBasis("Devon & Cornwall Police").fill("Crime and Disorder Act 1998 s.115");
    await page.getByLabel("Start date", { exact: true }).fill("2026-11-01");
    await page.getByLabel("Review date", { exact: true }).fill("2027-05-01");
    await page.getByRole("button", { name: "Create agreement" }).click();
    // One party only: refused, said plainly, focus on the message, and the fields keep their values.
    await expect(agreements.alert).toHaveText(/at least two parties/);
    await expect(agreements.alert).toBeFocused();
    await expect(page.getByLabel("Reference", { exact: true })).toHaveValue(reference);
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Exeter night-time economy");

    await agreements.partyBox("CC").check();
    await agreements.lawfulBasis("Cornwall Council").fill("Crime and Disorder Act 1998 s.115");
    await page.getByLabel("Review date", { exact: true }).fill("2026-10-01");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(agreements.alert).toHaveText("The review date cannot be before the start date");

    await page.getByLabel("Review date", { exact: true }).fill("2027-05-01");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(agreements.heading(reference)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: `Agreement ${reference} recorded.` })).toBeVisible();
    await expect(page.getByTestId("party-row")).toHaveText([/Cornwall Council/, /Devon & Cornwall Police/]);
    await expect(page.getByText(`No space runs under ${reference}.`)).toBeVisible();

    // Editing it: reviewed first, then saved.
    await page.getByRole("link", { name: `Edit ${reference}` }).click();
    await page.getByLabel("Title", { exact: true }).fill("Exeter night-time economy partnership");
    await page.getByRole("button", { name: "Review changes" }).click();
    await expect(agreements.editPreview.getByTestId("impact-summary")).toHaveText(`No space runs under ${reference}, so nobody's access changes.`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${reference}: Exeter night-time economy partnership` })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: `Changes to ${reference} saved.` })).toBeVisible();

    await agreements.gotoList();
    await expect(agreements.listStatus(reference)).toHaveText("draft");
  });

  test("people who are not administrators get a read-only view, and 404 for the new and edit pages", async ({ signInAs, shell, page }) => {
    await signInAs(PEOPLE.tom);
    await expect(shell.navLinks).toHaveText(["Spaces", "My work", "Pre-planned responses", "Forms", "Search"]);
    const agreements = new AgreementsPage(page);
    await agreements.gotoList();
    await expect(agreements.newButton).toHaveCount(0);
    await agreements.open(ISA);
    await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Suspend/ })).toHaveCount(0);
    const agreementUrl = page.url();

    const notFound = page.getByRole("heading", { level: 1, name: "Page not found" });
    await page.goto("/admin/agreements/new");
    await expect(notFound).toBeVisible();
    await page.goto(`${agreementUrl}/edit`);
    await expect(notFound).toBeVisible();
  });

  test("an agreement of agencies the person's agency is no party to does not exist for them", async ({ openSession }) => {
    const sam = await openSession(PEOPLE.sam);
    const agreements = new AgreementsPage(sam.page);
    await agreements.gotoList();
    await agreements.open(ISA);
    const agreementUrl = sam.page.url();

    const helen = await openSession(PEOPLE.helen);
    await helen.page.goto(agreementUrl);
    await helen.notFound.expectShown();
    await helen.page.goto("/admin/agreements");
    await expect(new AgreementsPage(helen.page).row(ISA)).toHaveCount(0);
  });
});
