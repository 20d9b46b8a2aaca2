/**
 * Sam's story of issue 7: Sam, DCP's administrator, makes a DCP variant of the national stop and
 * search form in the browser, adds a local question with the keyboard alone and sees it in the
 * live preview; a variant that makes a national required question optional is refused with the
 * reason and nothing is lost; he publishes it, and Tom can fill it in from Operation Kestrel with
 * the local question on its first page. (That a new national version shows Sam the difference is
 * tested in lib/forms/form-variants.test.ts and in the builder's component test: a national
 * version can only be published by a deployment's seed, not from a browser.)
 */
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

test("Sam makes a DCP variant of stop and search with a local question; dropping a national requirement is refused; Tom fills the variant in", async ({ openSession, scenario }) => {
  test.setTimeout(120_000);
  const sam = await openSession(PEOPLE.sam);
  const page = sam.page;

  await page.goto("/forms");
  await page.getByRole("link", { name: "Stop and search record", exact: true }).click();
  const make = page.getByRole("button", { name: /Make a local variant for/ });
  await expectHydrated(make);
  await make.click();
  await expect(page).toHaveURL(/\/forms\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Form builder");
  await expect(page.getByTestId("builder-version")).toContainText("local variant of the national “Stop and search record”");
  // National questions have no Remove.
  await expect(page.getByRole("button", { name: "Remove “Date of the search”" })).toHaveCount(0);

  // A local question, with the keyboard alone: the editor takes focus; Enter adds the question.
  const add = page.getByRole("button", { name: "Add a question to “When and where”" });
  await expectHydrated(add);
  await add.focus();
  await page.keyboard.press("Enter");
  const editor = page.getByTestId("field-editor");
  await expect(editor.getByRole("textbox", { name: "Question" })).toBeFocused();
  await page.keyboard.type("Local operation name");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("DCP: the operation this search was part of, if any.");
  await editor.getByRole("textbox", { name: "Question" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "“Local operation name” added" })).toBeVisible();
  const preview = page.getByTestId("builder-preview");
  await expect(preview.getByRole("textbox", { name: "Local operation name" })).toBeVisible();
  await expect(preview.getByText("DCP: the operation this search was part of, if any.")).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();

  // Making a national required question optional (through the JSON view) is refused, with the reason.
  await page.getByText("Edit the definition as JSON (advanced)").click();
  const json = page.getByRole("textbox", { name: "Definition" });
  const definition = JSON.parse(await json.inputValue()) as { schema: { required: string[] } };
  expect(definition.schema.required).toContain("searchDate");
  definition.schema.required = definition.schema.required.filter((r) => r !== "searchDate");
  await json.fill(JSON.stringify(definition, null, 2));
  await page.getByRole("button", { name: "Apply the JSON" }).click();
  await page.getByRole("button", { name: "Save draft" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(alert).toContainText("is required and cannot be made optional");
  await expect(alert).toContainText("nothing was saved");
  await expect(page.getByTestId("builder-version")).toContainText("Unsaved changes");
  await page.getByRole("button", { name: "Undo unsaved changes" }).click();
  await expect(page.getByTestId("builder-version")).toContainText("All changes saved");
  await expect(preview.getByRole("textbox", { name: "Local operation name" })).toBeVisible();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Version 1 published/ })).toBeVisible();

  // Tom fills the variant in from Kestrel: the local question is on its first page.
  const tom = await openSession(PEOPLE.tom);
  const { kestrel } = scenario.spaces;
  await tom.space.goto(kestrel.id, kestrel.name);
  const forms = tom.page.getByRole("region", { name: "Forms" });
  await expectHydrated(forms.getByRole("button", { name: "Start" }));
  await forms.getByLabel("Form to fill in").selectOption({ label: "Stop and search record (Devon & Cornwall Police)" });
  await forms.getByRole("button", { name: "Start" }).click();
  await expect(tom.page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  await expect(tom.page.getByRole("textbox", { name: "Local operation name" })).toBeVisible();
});
