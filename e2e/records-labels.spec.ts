/**
 * Janet's file plan story of issue 8: Janet, DCP's records manager, opens Records from the
 * navigation, finds the seeded review groups in the file plan, and creates the label "Crime file
 * – Group 3 – 6 years after case closed" with a two-stage disposal review (herself, then Priya)
 * triggered by "Case closed". A negative period is refused beside the control, with the error
 * summary linking to it, and nothing she typed is lost. The new label is in the file plan with
 * its period in words. Priya, who is not a records manager, has no Records in her navigation and
 * the file plan does not exist for her.
 */
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

const LABEL = "Crime file – Group 3 – 6 years after case closed";

test("Janet creates a Group 3 crime file label with a two-stage review and sees it in the file plan", async ({ openSession }) => {
  test.setTimeout(120_000);
  const janet = await openSession(PEOPLE.janet);
  const page = janet.page;
  // Unique per run: the browser suite shares one database.
  const reference = `CF-G3-${Date.now().toString(36).toUpperCase()}`;

  await page.goto("/spaces");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Records" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Records" })).toBeVisible();
  await page.getByRole("link", { name: "File plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "File plan" })).toBeVisible();
  const plan = page.getByTestId("file-plan");
  await expect(plan.getByTestId("label-RRD-G3")).toContainText("6 years");
  await expect(plan.getByTestId("label-RRD-G3")).toContainText("After Case closed");

  await page.getByRole("link", { name: "New label" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New retention label" })).toBeVisible();
  const referenceBox = page.getByRole("textbox", { name: "Reference", exact: true });
  await expectHydrated(referenceBox);
  await referenceBox.fill(reference);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(LABEL);
  await page.getByLabel("Category", { exact: true }).fill("Crime and case files");
  await page.getByRole("textbox", { name: "Authority", exact: true }).fill("APP Information management: retention, review and disposal");
  await page.getByRole("textbox", { name: "Citation", exact: true }).fill("CPIA 1996; DPA 2018 s.39");
  // A negative period first: refused beside the control.
  await page.getByRole("spinbutton", { name: "Years" }).fill("-6");
  await page.getByLabel("The clock starts").selectOption({ label: "When an event happens (e.g. case closed)" });
  await page.getByLabel("Event type").selectOption({ label: "Case closed" });
  await page.getByLabel("What happens").selectOption({ label: "Start a disposal review" });

  // Stage 1: Janet; stage 2: Priya.
  await page.getByRole("textbox", { name: "Name of stage 1" }).fill("Records manager review");
  await page.getByLabel("Reviewer to add at stage 1").selectOption({ label: "Janet Okafor (Records Manager)" });
  await page.getByRole("button", { name: "Add reviewer to stage 1" }).click();
  await expect(page.getByTestId("stage-0-reviewers")).toContainText("Janet Okafor");
  await page.getByRole("button", { name: "Add a review stage" }).click();
  await expect(page.getByRole("textbox", { name: "Name of stage 2" })).toBeFocused();
  await page.keyboard.type("Investigative review");
  await page.getByLabel("Reviewer to add at stage 2").selectOption({ label: "DS Priya Shah (Detective Sergeant)" });
  await page.getByRole("button", { name: "Add reviewer to stage 2" }).click();
  await expect(page.getByTestId("stage-1-reviewers")).toContainText("DS Priya Shah");
  await page.getByRole("radio", { name: /^Record: content locked/ }).check();

  await page.getByRole("button", { name: "Add the label" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("A retention period cannot be negative");
  await expect(page.getByRole("spinbutton", { name: "Years" })).toHaveAttribute("aria-invalid", "true");
  await summary.getByRole("link", { name: "A retention period cannot be negative" }).click();
  await expect(page.getByRole("spinbutton", { name: "Years" })).toBeFocused();
  // Nothing typed is lost.
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(LABEL);
  await expect(page.getByTestId("stage-1-reviewers")).toContainText("DS Priya Shah");

  await page.getByRole("spinbutton", { name: "Years" }).fill("6");
  await page.getByRole("button", { name: "Add the label" }).click();
  await expect(page).toHaveURL(/\/records\/labels\?added=/);
  await expect(page.getByRole("status").filter({ hasText: `Label ${reference}` })).toBeVisible();
  const row = page.getByTestId(`label-${reference}`);
  await expect(row).toContainText(LABEL);
  await expect(row).toContainText("6 years");
  await expect(row).toContainText("After Case closed");
  await expect(row).toContainText("Disposal review, 2 stages");
  await expect(row.getByRole("cell").last()).toHaveText("Record");

  // Its page shows both stages with their reviewers.
  await row.getByRole("link", { name: LABEL }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(page.getByTestId("stage-0-reviewers")).toContainText("Janet Okafor");
  await expect(page.getByTestId("stage-1-reviewers")).toContainText("DS Priya Shah");
});

test("Priya has no Records in her navigation, and the file plan does not exist for her", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await priya.page.goto("/spaces");
  await expect(priya.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Records" })).toHaveCount(0);
  expect((await priya.context.request.get("/records/labels")).status()).toBe(404);
  expect((await priya.context.request.get("/api/v1/retention-labels")).status()).toBe(403);
});
