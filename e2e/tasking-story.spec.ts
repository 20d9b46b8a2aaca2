/**
 * The tasking story of issue 6, start to finish: Priya starts the missing-person pre-planned
 * response in Operation Kestrel onto a board Tom and Alex (Dorset Police, a partner guest) have
 * open; both see the board fill without reloading; Alex moves one of the response's cards with
 * the keyboard alone and Priya sees it move; Priya publishes a briefing; Tom acknowledges it;
 * Priya sees Tom briefed and Alex not yet; Alex's notification bell takes him to the briefing.
 *
 * It works on a board of its own (made by Priya at the start), so nothing else in the suite sees
 * its cards.
 */
import { test, expect, PEOPLE, type Session } from "./fixtures";
import { expectHydrated } from "./support/hydration";

const TEMPLATE = "Missing person: high risk";
const FIRST_CARD = "Confirm the risk grading and record the rationale";
const MOVED_CARD = "Request a police search adviser (PolSA)";

/** Opens a board of Kestrel from the space page, as a person would; returns its columns by name. */
async function openBoard(session: Session, space: { id: string; name: string }, title: string) {
  await session.space.goto(space.id, space.name);
  await session.page.getByRole("region", { name: "Boards" }).getByRole("link", { name: title }).click();
  await expect(session.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return (name: string) => session.page.getByRole("listitem", { name: new RegExp(`^${name} \\(`) });
}

test("Priya starts the missing-person response onto an open board; Tom and Alex see it fill live; Alex moves a card by keyboard; Tom is briefed, Alex not yet", async ({ openSession, scenario }) => {
  // Three people sign in and open the board: more than the default 30 s on a busy box.
  test.setTimeout(120_000);
  const { kestrel } = scenario.spaces;
  const suffix = Date.now().toString(36);
  const boardTitle = `Search for J ${suffix}`;
  const briefingTitle = `Search briefing ${suffix}`;
  const [priya, tom, alex] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.tom), openSession(PEOPLE.alex)]);

  // Priya makes the board the operation will run on (To do, In progress, Done).
  await priya.space.goto(kestrel.id, kestrel.name);
  const boards = priya.page.getByRole("region", { name: "Boards" });
  await expectHydrated(boards.getByRole("button", { name: "Create board" }));
  await boards.getByLabel("New board title").fill(boardTitle);
  await boards.getByRole("button", { name: "Create board" }).click();
  await expect(priya.page.getByRole("heading", { level: 1, name: boardTitle })).toBeVisible();

  // Tom and Alex open it: nothing on it yet.
  const [tomColumn, alexColumn] = await Promise.all([openBoard(tom, kestrel, boardTitle), openBoard(alex, kestrel, boardTitle)]);
  await expect(tomColumn("To do")).toHaveAccessibleName(/^To do \(0 cards\)/);
  await expect(alex.page.getByText(FIRST_CARD)).toHaveCount(0);

  // Priya starts the response onto it from the space page.
  await priya.space.goto(kestrel.id, kestrel.name);
  const form = boards.getByRole("form", { name: "Start a pre-planned response" });
  await expectHydrated(form);
  await form.getByLabel("Template").selectOption({ label: TEMPLATE });
  await form.getByLabel("Add to").selectOption({ label: boardTitle });
  await expect(form.getByLabel("Board title (optional)")).toHaveCount(0);
  await form.getByRole("button", { name: "Start response" }).click();
  await expect(priya.page.getByRole("heading", { level: 1, name: boardTitle })).toBeVisible();
  const priyaColumn = (name: string) => priya.page.getByRole("listitem", { name: new RegExp(`^${name} \\(`) });
  await expect(priyaColumn("First hour")).toHaveAccessibleName(/^First hour \(5 cards\)/);

  // Tom's and Alex's open boards fill without a reload: the template's columns and cards.
  for (const column of [tomColumn, alexColumn]) {
    await expect(column("First hour")).toHaveAccessibleName(/^First hour \(5 cards\)/, { timeout: 5_000 });
    await expect(column("First four hours")).toHaveAccessibleName(/^First four hours \(6 cards\)/);
    await expect(column("First hour").getByRole("listitem", { name: FIRST_CARD })).toBeVisible();
  }

  // Alex moves the PolSA card one column right with the keyboard alone: lift, arrow, drop.
  const card = alexColumn("First hour").getByRole("listitem", { name: MOVED_CARD });
  const handle = card.getByRole("button", { name: `Drag ${MOVED_CARD}` });
  await handle.focus();
  await alex.page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await expect(alex.page.getByRole("status").filter({ hasText: /is over/ })).toBeAttached();
  await alex.page.keyboard.press("ArrowRight");
  await expect(alex.page.getByRole("status").filter({ hasText: /is over .* in First four hours/ })).toBeAttached();
  await alex.page.keyboard.press("Space");
  await expect(alexColumn("First four hours").getByRole("listitem", { name: MOVED_CARD })).toBeVisible();
  // Priya and Tom see it move, within a second or two, and the counts follow.
  for (const column of [priyaColumn, tomColumn]) {
    await expect(column("First four hours").getByRole("listitem", { name: MOVED_CARD })).toBeVisible({ timeout: 3_000 });
    await expect(column("First hour")).toHaveAccessibleName(/^First hour \(4 cards\)/);
  }

  // Priya links the investigation log to the moved card from its dialog; Tom's board keeps up.
  await priyaColumn("First four hours").getByRole("listitem", { name: MOVED_CARD }).getByRole("button", { name: MOVED_CARD, exact: true }).click();
  const dialog = priya.page.getByRole("dialog", { name: "Edit card" });
  const links = dialog.getByRole("region", { name: "Linked documents, files and forms" });
  await expectHydrated(links.getByLabel("Link a document, file or form of this space"));
  await links.getByLabel("Link a document, file or form of this space").selectOption({ label: "Investigation log (OFFICIAL-SENSITIVE PERSONAL DATA)" });
  await links.getByRole("button", { name: "Link", exact: true }).click();
  await expect(links.getByRole("link", { name: "Investigation log" })).toBeVisible();
  await expect(links.getByRole("status")).toContainText('Linked "Investigation log".');
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Priya publishes a briefing to the board's audience.
  const priyasBriefings = priya.page.getByRole("region", { name: "Briefings" });
  const publish = priyasBriefings.getByRole("form", { name: "Publish a briefing" });
  await expectHydrated(publish.getByRole("button", { name: "Publish briefing" }));
  await publish.getByLabel("Briefing title").fill(briefingTitle);
  await publish.getByLabel("Briefing text").fill("J was last seen at Bodmin Parkway at 18:40.\nPolSA requested; search teams to the home address.");
  await publish.getByLabel("Briefing marking").selectOption("OFFICIAL-SENSITIVE");
  await publish.getByRole("button", { name: "Publish briefing" }).click();
  await expect(priyasBriefings.getByRole("status")).toContainText(`Briefing published: “${briefingTitle}”`);

  // Tom, with the board open, sees it arrive and acknowledges it.
  const tomsItem = tom.page.getByRole("region", { name: "Briefings" }).getByRole("listitem", { name: new RegExp(briefingTitle) });
  await expect(tomsItem).toBeVisible({ timeout: 5_000 });
  await tomsItem.getByRole("button", { name: `Acknowledge: briefed on ${briefingTitle}` }).click();
  await expect(tomsItem.getByText(/You were briefed at/)).toBeVisible();

  // Priya sees who has been briefed: Tom has, Alex (who could read it) has not yet.
  const priyasItem = priyasBriefings.getByRole("listitem", { name: new RegExp(briefingTitle) });
  await priyasItem.getByRole("button", { name: `Who has been briefed on ${briefingTitle}` }).click();
  const briefed = priyasItem.getByRole("list", { name: /^Briefed on revision 1/ });
  const notYet = priyasItem.getByRole("list", { name: /^Not yet briefed/ });
  await expect(briefed).toContainText("PC Tom Hughes");
  await expect(notYet).toContainText("DC Alex Morgan");
  await expect(briefed).not.toContainText("DC Alex Morgan");

  // Alex is told: the bell counts it on his next page, and the notification names the space and
  // the briefing (he may read it), and opens the board.
  await alex.page.reload();
  const bell = alex.page.getByRole("link", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(alex.page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const notice = alex.page.getByTestId("notification").filter({ hasText: `Briefing published: “${briefingTitle}”` });
  await expect(notice).toContainText(kestrel.name);
  await expect(notice).toHaveAttribute("data-unread", "true");
  await notice.getByRole("link", { name: `Briefing published: “${briefingTitle}”` }).click();
  await expect(alex.page.getByRole("heading", { level: 1, name: boardTitle })).toBeVisible();
});
