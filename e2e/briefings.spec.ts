/**
 * Briefings (issue 6): Priya publishes a briefing on Operation Kestrel's board; Tom, with the
 * board open, sees it arrive and acknowledges it ("briefed"); Priya's "Who has been briefed" shows
 * Tom briefed and Alex (Dorset Police, a partner guest) not yet.
 *
 * It adds a briefing to the seeded board (marked OFFICIAL, so Mark is in its audience too).
 */
import { test, expect, PEOPLE, type Session } from "./fixtures";

const BOARD = "Kestrel tasking";

/** Opens the Kestrel board from the space page, as a person would; returns its Briefings section. */
async function openBriefings(session: Session, space: { id: string; name: string }) {
  await session.space.goto(space.id, space.name);
  await session.page.getByRole("region", { name: "Boards" }).getByRole("link", { name: BOARD }).click();
  await expect(session.page.getByRole("heading", { level: 1, name: BOARD })).toBeVisible();
  return session.page.getByRole("region", { name: "Briefings" });
}

test("Priya publishes a briefing, Tom acknowledges it, and Priya sees Tom briefed and Alex not yet", async ({ openSession, scenario }) => {
  test.setTimeout(90_000);
  const { kestrel } = scenario.spaces;
  const title = `Morning briefing ${Date.now().toString(36)}`;
  const [priya, tom] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.tom)]);
  const tomsBriefings = await openBriefings(tom, kestrel);
  const priyasBriefings = await openBriefings(priya, kestrel);

  // Priya publishes it, marked OFFICIAL.
  const form = priyasBriefings.getByRole("form", { name: "Publish a briefing" });
  await form.getByLabel("Briefing title").fill(title);
  await form.getByLabel("Briefing text").fill("Suspect vehicle seen on the A30 at 06:10.\nDo not approach the Bodmin address.");
  await form.getByLabel("Briefing marking").selectOption("OFFICIAL");
  await form.getByRole("button", { name: "Publish briefing" }).click();
  await expect(priyasBriefings.getByRole("status")).toContainText(`Briefing published: “${title}”`);
  const priyasItem = priyasBriefings.getByRole("listitem", { name: new RegExp(title) });
  await expect(priyasItem).toContainText("Suspect vehicle seen on the A30 at 06:10.");

  // Tom's open board shows it without a reload; he acknowledges it.
  const tomsItem = tomsBriefings.getByRole("listitem", { name: new RegExp(title) });
  await expect(tomsItem).toBeVisible({ timeout: 5_000 });
  await tomsItem.getByRole("button", { name: `Acknowledge: briefed on ${title}` }).click();
  await expect(tomsBriefings.getByRole("status")).toContainText(`You acknowledged “${title}”`);
  await expect(tomsItem.getByText(/You were briefed at/)).toBeVisible();
  await expect(tomsItem.getByRole("button", { name: /Acknowledge: briefed/ })).toHaveCount(0);

  // Priya asks who has been briefed: Tom has, Alex has not yet.
  await priyasItem.getByRole("button", { name: `Who has been briefed on ${title}` }).click();
  const briefed = priyasItem.getByRole("list", { name: /^Briefed on revision 1/ });
  const notYet = priyasItem.getByRole("list", { name: /^Not yet briefed/ });
  await expect(briefed).toContainText("PC Tom Hughes");
  await expect(notYet).toContainText("DC Alex Morgan");
  await expect(briefed).not.toContainText("DC Alex Morgan");
  await expect(notYet).not.toContainText("PC Tom Hughes");
});
