/**
 * Pre-planned responses (issue 6): the library at /responses shows the national templates with
 * their cards and due times in words; Priya starts the high-risk missing person response in
 * Operation Kestrel from the space's Boards section and lands on the new board with the
 * template's columns and cards; Tom, also in Kestrel, finds the new board in the space's Boards
 * list.
 *
 * It adds one board to Kestrel (with its own title); the seeded board is left as it was.
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
