/**
 * Pre-planned responses (issue 6): the library at /responses shows the national templates with
 * their cards and due times in words; Priya starts the high-risk missing person response in
 * Operation Kestrel from the space's Boards section and lands on the new board with the
 * template's columns and cards; Tom, also in Kestrel, finds the new board in the space's Boards
 * list.
 *
 * Then the local library (issue 6, "national and agency-local"): Priya, a DCP supervisor, copies
 * the national template into DCP's library, renames the copy in its editor, and starts a response
 * in Kestrel from the local copy; Tom, a DCP investigator, sees the copy marked local but is offered
 * neither copying nor editing.
 *
 * It adds boards to Kestrel and one local template to DCP (each with its own title and key); the
 * seeded board and the national templates are left as they were.
 */
import { test, expect, PEOPLE } from "./fixtures";
import { expectHydrated } from "./support/hydration";

const TEMPLATE = "Missing person: high risk";

test("the library lists the national templates with their cards and due times", async ({ openSession }) => {
  const tom = await openSession(PEOPLE.tom);
  await tom.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pre-planned responses" }).click();
  await expect(tom.page.getByRole("heading", { level: 1, name: "Pre-planned responses" })).toBeVisible();
  const missingPerson = tom.page.getByRole("article", { name: TEMPLATE });
  await expect(missingPerson).toContainText("National template");
  await expect(missingPerson.getByRole("heading", { level: 3, name: "First hour", exact: true })).toBeVisible();
  await expect(missingPerson).toContainText("Confirm the risk grading and record the rationale");
  await expect(missingPerson).toContainText("due 15 min after start");
  await expect(missingPerson).toContainText("Resources: PolSA, Search teams");
  const majorEvent = tom.page.getByRole("article", { name: "Major event: crowd management" });
  await expect(majorEvent).toContainText("due 14 days before start");
});

test("Priya starts the missing person response in Kestrel and lands on the new board; Tom sees it in Kestrel's boards", async ({ openSession, scenario }) => {
  test.setTimeout(90_000);
  const { kestrel } = scenario.spaces;
  const title = `Missing person J ${Date.now().toString(36)}`;
  const [priya, tom] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.tom)]);

  await priya.space.goto(kestrel.id, kestrel.name);
  const form = priya.page.getByRole("region", { name: "Boards" }).getByRole("form", { name: "Start a pre-planned response" });
  await expectHydrated(form);
  await form.getByLabel("Template").selectOption({ label: TEMPLATE });
  await expect(form).toContainText("assessed as high risk");
  // The start defaults to now; Priya sets it to a fixed time so the dates below are known.
  await expect(form.getByLabel("Starts")).not.toHaveValue("");
  await form.getByLabel("Starts").fill("2026-12-01T10:00");
  await form.getByLabel("Board title (optional)").fill(title);
  await form.getByRole("button", { name: "Start response" }).click();

  await expect(priya.page).toHaveURL(new RegExp(`/spaces/${kestrel.id}/boards/[0-9a-f-]+$`));
  await expect(priya.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const column = (name: string) => priya.page.getByRole("listitem", { name: new RegExp(`^${name} \\(`) });
  await expect(column("First hour")).toHaveAccessibleName(/^First hour \(5 cards\)/);
  await expect(column("First four hours")).toHaveAccessibleName(/^First four hours \(6 cards\)/);
  await expect(column("Ongoing")).toHaveAccessibleName(/^Ongoing \(2 cards\)/);
  await expect(column("On return")).toHaveAccessibleName(/^On return \(1 card\)/);
  await expect(column("Done")).toBeVisible();
  await expect(column("First hour").getByRole("listitem", { name: "Request a police search adviser (PolSA)" })).toBeVisible();

  await tom.space.goto(kestrel.id, kestrel.name);
  const boards = tom.page.getByRole("region", { name: "Boards" });
  await expect(boards.getByRole("link", { name: title })).toBeVisible();
  await boards.getByRole("link", { name: title }).click();
  await expect(tom.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("Priya copies the national template to DCP, renames the copy and starts a response from it; Tom may not manage it", async ({ openSession, scenario }) => {
  test.setTimeout(120_000);
  const { kestrel } = scenario.spaces;
  const suffix = Date.now().toString(36);
  const copyTitle = `DCP missing person ${suffix}`;
  const editedTitle = `DCP missing person (Cornwall) ${suffix}`;
  const boardTitle = `Local response ${suffix}`;
  const priya = await openSession(PEOPLE.priya);

  // Copy the national template into DCP's library.
  await priya.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pre-planned responses" }).click();
  const national = priya.page.getByRole("article", { name: TEMPLATE });
  await expect(national).toContainText("National template");
  await expect(national.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  const copyButton = national.getByRole("button", { name: `Copy to my agency ${TEMPLATE}` });
  await expectHydrated(copyButton);
  await copyButton.click();
  const dialog = priya.page.getByRole("dialog", { name: `Copy “${TEMPLATE}” to ${PEOPLE.priya.agencyName}` });
  await dialog.getByLabel("Title of the copy").fill(copyTitle);
  await dialog.getByLabel("Key of the copy").fill(`dcp-missing-person-${suffix}`);
  await dialog.getByRole("button", { name: "Make the copy" }).click();

  // The copy's editor opens; rename it.
  await expect(priya.page).toHaveURL(/\/responses\/[0-9a-f-]+\/edit$/);
  await expect(priya.page.getByRole("heading", { level: 1, name: `Edit “${copyTitle}”` })).toBeVisible();
  const editor = priya.page.getByRole("form", { name: "Edit the template" });
  await expectHydrated(editor);
  await expect(editor.getByRole("group", { name: /^Column 1: First hour/ }).getByLabel("Column title")).toHaveValue("First hour");
  await editor.getByLabel("Template title").fill("");
  await editor.getByRole("button", { name: "Save template" }).click();
  // An empty title is refused beside the field, and nothing typed is lost.
  await expect(editor.getByRole("alert")).toContainText("A template's title is required");
  await expect(editor.getByLabel("Template title")).toHaveAttribute("aria-invalid", "true");
  await editor.getByLabel("Template title").fill(editedTitle);
  await editor.getByRole("button", { name: "Save template" }).click();
  await expect(editor.getByRole("status")).toContainText(`Saved “${editedTitle}”.`);

  // The library shows it as DCP's local template.
  await editor.getByRole("link", { name: "Back to the library" }).click();
  const local = priya.page.getByRole("article", { name: editedTitle });
  await expect(local).toContainText(`Local template of ${PEOPLE.priya.agencyName}`);
  await expect(local.getByRole("link", { name: `Edit ${editedTitle}` })).toBeVisible();

  // Start a response in Kestrel from the local copy.
  await priya.space.goto(kestrel.id, kestrel.name);
  const form = priya.page.getByRole("region", { name: "Boards" }).getByRole("form", { name: "Start a pre-planned response" });
  await expectHydrated(form);
  await form.getByLabel("Template").selectOption({ label: `${editedTitle} (local)` });
  await form.getByLabel("Starts").fill("2026-12-01T10:00");
  await form.getByLabel("Board title (optional)").fill(boardTitle);
  await form.getByRole("button", { name: "Start response" }).click();
  await expect(priya.page).toHaveURL(new RegExp(`/spaces/${kestrel.id}/boards/[0-9a-f-]+$`));
  await expect(priya.page.getByRole("heading", { level: 1, name: boardTitle })).toBeVisible();
  await expect(priya.page.getByRole("listitem", { name: /^First hour \(/ })).toHaveAccessibleName(/^First hour \(5 cards\)/);

  // Tom reads DCP's copy but is offered neither copying nor editing nor deleting.
  const tom = await openSession(PEOPLE.tom);
  await tom.page.goto("/responses");
  const asTom = tom.page.getByRole("article", { name: editedTitle });
  await expect(asTom).toContainText(`Local template of ${PEOPLE.tom.agencyName}`);
  await expect(asTom.getByRole("button", { name: /Copy to my agency|Delete/ })).toHaveCount(0);
  await expect(asTom.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
});
