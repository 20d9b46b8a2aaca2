/**
 * Tasking boards (issue 6, the board core): Priya adds a card to Operation Kestrel's board and
 * Alex (Dorset Police, a partner guest) sees it appear on his open board without reloading, then
 * moves it to "In progress" with the keyboard alone (dnd-kit's keyboard sensor: Space to lift,
 * an arrow to move, Space to drop), and Priya sees the move live; Mark, whose vetting has
 * expired, sees neither the seeded OFFICIAL-SENSITIVE card nor Priya's new one (marked with the
 * space's default, OFFICIAL-SENSITIVE), and the column's count leaves them out. Priya then
 * completes her card from its dialog and reopens it.
 *
 * It adds a card to the seeded board; nothing else in the suite counts board cards.
 */
import type { Locator } from "@playwright/test";
import { test, expect, PEOPLE, type Session } from "./fixtures";

const BOARD = "Kestrel tasking";
const HIDDEN = "Meet source handler about the Bodmin address";

/** Opens the Kestrel board from the space page, as a person would; returns the board's columns by name. */
async function openBoard(session: Session, space: { id: string; name: string }) {
  await session.space.goto(space.id, space.name);
  await session.page.getByRole("region", { name: "Boards" }).getByRole("link", { name: BOARD }).click();
  await expect(session.page.getByRole("heading", { level: 1, name: BOARD })).toBeVisible();
  // A column is a list item named by its heading, "To do (2 cards)".
  const column = (name: string): Locator => session.page.getByRole("listitem", { name: new RegExp(`^${name} \\(`) });
  return { column };
}

test("Priya adds a card, Alex sees it live and moves it with the keyboard; Mark does not see or count the OFFICIAL-SENSITIVE cards", async ({ openSession, scenario }) => {
  // Three people sign in and the board is opened four times: more than the default 30 s on a busy box.
  test.setTimeout(90_000);
  const { kestrel } = scenario.spaces;
  const title = `Check CCTV at Bodmin Parkway ${Date.now().toString(36)}`;
  const [priya, alex, mark] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.alex), openSession(PEOPLE.mark)]);

  const alexBoard = await openBoard(alex, kestrel);
  const priyaBoard = await openBoard(priya, kestrel);
  // The marking banner is shown at the top and bottom of the board, as on documents.
  await expect(priya.page.getByRole("note", { name: "Board marking (top)" })).toContainText("OFFICIAL-SENSITIVE");
  await expect(priya.page.getByRole("note", { name: "Board marking (bottom)" })).toBeVisible();

  // Priya adds the card to "To do" (marked, by default, with the space's default marking).
  await priyaBoard.column("To do").getByRole("button", { name: "Add card to To do" }).click();
  const dialog = priya.page.getByRole("dialog", { name: "Add a card" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Description").fill("Request footage for the 18:40 arrival.\nAsk for the platform 2 camera.");
  await dialog.getByRole("checkbox", { name: /DC Alex Morgan/ }).check();
  await expect(dialog.getByLabel("Marking")).toHaveValue("OFFICIAL-SENSITIVE");
  await dialog.getByRole("button", { name: "Add card" }).click();
  await expect(dialog).toBeHidden();
  const priyasCard = priyaBoard.column("To do").getByRole("listitem", { name: title });
  await expect(priyasCard).toBeVisible();
  await expect(priyasCard.getByText("OFFICIAL-SENSITIVE")).toBeVisible();

  // Alex's open board shows it without a reload (the live feed, then a refetch as Alex).
  const alexsCard = alexBoard.column("To do").getByRole("listitem", { name: title });
  await expect(alexsCard).toBeVisible({ timeout: 2_000 });
  await expect(alexsCard).toContainText("Assigned to DC Alex Morgan");

  // Alex moves it with the keyboard only: focus the handle, lift, one column right, drop.
  const handle = alexsCard.getByRole("button", { name: `Drag ${title}` });
  await handle.focus();
  await alex.page.keyboard.press("Space");
  // Lifted (the live region's "Picked up" is at once replaced by where the card is over).
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await expect(alex.page.getByRole("status").filter({ hasText: /is over/ })).toBeAttached();
  await alex.page.keyboard.press("ArrowRight");
  // Dropped once the move has been measured (announced), as a screen-reader user would.
  await expect(alex.page.getByRole("status").filter({ hasText: /is over .* in In progress/ })).toBeAttached();
  await alex.page.keyboard.press("Space");
  await expect(alexBoard.column("In progress").getByRole("listitem", { name: title })).toBeVisible();
  await expect(alexBoard.column("To do").getByRole("listitem", { name: title })).toHaveCount(0);
  // Priya sees the move as it happens.
  await expect(priyaBoard.column("In progress").getByRole("listitem", { name: title })).toBeVisible({ timeout: 2_000 });

  // The plain buttons move it too (the fallback for people who cannot drag): back to "To do".
  await alexBoard.column("In progress").getByRole("listitem", { name: title }).getByRole("button", { name: `Move left: ${title}, to To do` }).click();
  await expect(alexBoard.column("To do").getByRole("listitem", { name: title })).toBeVisible();
  await expect(alex.page.getByTestId("board-status")).toContainText(`Moved "${title}" to To do`);

  // Mark: neither OFFICIAL-SENSITIVE card is on his board, and the count leaves them out.
  const markBoard = await openBoard(mark, kestrel);
  const todo = markBoard.column("To do");
  await expect(todo.getByRole("listitem", { name: "Request ANPR hits on the A30 corridor" })).toBeVisible();
  await expect(mark.page.getByText(HIDDEN)).toHaveCount(0);
  await expect(mark.page.getByText(title)).toHaveCount(0);
  const shown = await todo.getByTestId("board-card").count();
  await expect(todo.getByTestId("column-count")).toHaveText(`(${shown} ${shown === 1 ? "card" : "cards"})`);
  // Priya's count of the same column is larger by exactly the OFFICIAL-SENSITIVE cards Mark may not see.
  const sensitive = await priyaBoard.column("To do").getByTestId("board-card").filter({ hasText: "OFFICIAL-SENSITIVE" }).count();
  expect(sensitive).toBeGreaterThanOrEqual(2);
  await expect(priyaBoard.column("To do").getByTestId("column-count")).toHaveText(`(${shown + sensitive} cards)`);
  // And the card is a 404 to him through the API, like a missing one.
  const board = (await (await priya.context.request.get(`/api/v1/spaces/${kestrel.id}/boards`)).json()) as { items: { id: string; title: string }[] };
  const boardId = board.items.find((b) => b.title === BOARD)!.id;
  const full = (await (await priya.context.request.get(`/api/v1/boards/${boardId}`)).json()) as { columns: { cards: { id: string; title: string }[] }[] };
  const hiddenId = full.columns.flatMap((c) => c.cards).find((c) => c.title === HIDDEN)!.id;
  expect((await mark.context.request.get(`/api/v1/cards/${hiddenId}`)).status()).toBe(404);

  // Priya completes her card from its dialog, then reopens it.
  const complete = async (button: "Mark complete" | "Reopen", said: string) => {
    await priyaBoard.column("To do").getByRole("listitem", { name: title }).getByRole("button", { name: title, exact: true }).click();
    const cardDialog = priya.page.getByRole("dialog", { name: /card/i });
    await cardDialog.getByRole("button", { name: button }).click();
    await expect(cardDialog).toBeHidden();
    await expect(priya.page.getByTestId("board-status")).toContainText(said);
  };
  await complete("Mark complete", `Completed "${title}".`);
  await complete("Reopen", `Reopened "${title}".`);
});
