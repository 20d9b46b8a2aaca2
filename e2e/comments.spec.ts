/**
 * Comments on Operation Kestrel's investigation log (the comments part of the co-editing issue):
 * Priya selects a line and comments on it with an @mention of Tom, whose open page shows the new
 * thread without reloading; Tom replies and resolves it, and Priya sees both as they happen; once
 * Tom is a reader he still sees the thread (and replies to it, live) but has no reply box, no
 * Resolve and no Comment button.
 *
 * It changes Tom's role in Kestrel and adds comments, so it runs with the specs that edit the
 * seeded documents (the "co-editing" project of playwright.config.ts). It does not depend on what
 * those did before it: it types its own line to comment on, makes Tom a member for the first part,
 * and gives him back the role it found.
 */
import { test, expect, PEOPLE, expectHydrated, type Session } from "./fixtures";

const LOG = "Investigation log";

async function openLog(session: Session, logId: string): Promise<void> {
  await session.document.goto(logId);
  await expect(session.document.heading).toHaveText(LOG);
  await expect(session.page.getByTestId("collab-status")).toContainText("Connected", { timeout: 15_000 });
  // The Comments panel has loaded its list (it is rendered in the browser only).
  const panel = session.page.getByRole("region", { name: "Comments" });
  await expect(panel).toBeVisible();
  await expect(panel.getByText("Loading comments…")).toHaveCount(0);
}

/** Sets Tom's role in Kestrel from Priya's space page; returns the role he had ("member" or "reader"). */
async function setTomsRole(priya: Session, space: { id: string; name: string }, role: "member" | "reader"): Promise<string> {
  await priya.space.goto(space.id, space.name);
  const cell = priya.space.memberRole(PEOPLE.tom.name);
  await expectHydrated(cell.getByRole("button"));
  const select = cell.getByLabel(`Role of ${PEOPLE.tom.name}`);
  const before = await select.inputValue();
  if (before !== role) {
    await select.selectOption(role);
    await cell.getByRole("button", { name: `Change role of ${PEOPLE.tom.name}` }).click();
    await expect(priya.space.activity.first()).toContainText(`changed the role of ${PEOPLE.tom.name} to ${role}`);
  }
  return before;
}

test.describe.configure({ mode: "serial" });

test("Priya comments with an @mention, Tom sees it live, replies and resolves; as a reader he sees it but cannot reply", async ({ openSession, scenario }) => {
  const { kestrel } = scenario.spaces;
  const { investigationLog } = scenario.documents;
  const stamp = Date.now().toString(36);
  const line = `Exhibit ${stamp}: seized phone to be examined`;
  const [priya, tom] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.tom)]);
  const tomsRole = await setTomsRole(priya, kestrel, "member");
  try {
    await Promise.all([openLog(priya, investigationLog.id), openLog(tom, investigationLog.id)]);

    // Priya writes a line and selects it.
    const editor = priya.page.getByTestId("editor");
    await editor.click();
    await priya.page.keyboard.press("Control+End");
    await priya.page.keyboard.press("Enter");
    await priya.page.keyboard.type(line);
    // Tom has the line too, so the comment's anchor names text his editor knows.
    await expect(tom.page.getByTestId("editor")).toContainText(line);
    await priya.page.keyboard.press("Shift+Home");

    // She comments on it, mentioning Tom through the list of people who may read the log.
    await priya.page.getByRole("toolbar", { name: "Comments" }).getByRole("button", { name: "Comment" }).click();
    const form = priya.page.getByRole("form", { name: "New comment" });
    await expect(form).toContainText(line);
    const text = form.getByRole("textbox", { name: "Comment" });
    await expect(text).toBeFocused();
    await text.pressSequentially("Please book this in @Tom");
    const people = form.getByRole("listbox", { name: "People who can read this document" });
    await expect(people.getByRole("option", { name: /PC Tom Hughes/ })).toBeVisible();
    await expect(people.getByRole("option")).toHaveCount(1);
    await text.press("Enter");
    await expect(people).toHaveCount(0);
    await expect(text).toHaveValue("Please book this in @PC Tom Hughes ");
    await text.pressSequentially("today.");
    await form.getByRole("button", { name: "Add comment" }).click();
    await expect(form).toHaveCount(0);

    const threadName = new RegExp(`^Comment thread on “Exhibit ${stamp}`);
    const priyasThread = priya.page.getByRole("article", { name: threadName });
    await expect(priyasThread).toContainText("Please book this in @PC Tom Hughes today.");
    await expect(priyasThread).toContainText(`${PEOPLE.priya.name} (${PEOPLE.priya.agencyName})`);
    // The commented words are highlighted in her editor (a decoration may be split around other marks).
    await expect.poll(async () => (await editor.locator("[data-comment-thread]").allTextContents()).join("")).toContain(line);

    // Tom sees the thread appear without reloading, highlighted in his editor too.
    const tomsThread = tom.page.getByRole("article", { name: threadName });
    await expect(tomsThread).toContainText("Please book this in @PC Tom Hughes today.", { timeout: 10_000 });
    await expect.poll(async () => (await tom.page.getByTestId("editor").locator("[data-comment-thread]").allTextContents()).join("")).toContain(line);

    // Tom replies; Priya sees the reply arrive.
    const reply = tomsThread.getByRole("form", { name: "Reply" });
    await reply.getByRole("textbox", { name: "Reply" }).fill("Booked in for examination at 14:00.");
    await reply.getByRole("button", { name: "Reply" }).click();
    await expect(tomsThread).toContainText("Booked in for examination at 14:00.");
    await expect(priyasThread).toContainText("Booked in for examination at 14:00.", { timeout: 10_000 });
    await expect(priyasThread).toContainText(`${PEOPLE.tom.name} (${PEOPLE.tom.agencyName})`);
    // Tom's reply is his to change, Priya's comment is not.
    await expect(tomsThread.getByRole("button", { name: "Edit your comment" })).toHaveCount(1);

    // Tom resolves it: it leaves the open threads on both pages, and Priya finds it under Show resolved.
    await tomsThread.getByRole("button", { name: "Resolve" }).click();
    await expect(tomsThread).toHaveCount(0);
    await expect(priyasThread).toHaveCount(0, { timeout: 10_000 });
    await priya.page.getByRole("checkbox", { name: /Show resolved/ }).check();
    await expect(priyasThread).toContainText(`Resolved by ${PEOPLE.tom.name}`);
    // Priya reopens it for the reader's part.
    await priyasThread.getByRole("button", { name: "Reopen" }).click();
    await expect(priyasThread).not.toContainText("Resolved by");
    await expect(tomsThread).toBeVisible({ timeout: 10_000 });

    // Tom becomes a reader: he still sees the thread, with no reply box, no Resolve and no Comment button.
    await setTomsRole(priya, kestrel, "reader");
    await openLog(tom, investigationLog.id);
    await expect(tom.page.getByTestId("read-only-notice")).toBeVisible();
    await expect(tomsThread).toContainText("Please book this in @PC Tom Hughes today.");
    await expect(tomsThread).toContainText("Booked in for examination at 14:00.");
    await expect(tomsThread.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
    await expect(tomsThread.getByRole("button", { name: "Resolve" })).toHaveCount(0);
    await expect(tomsThread.getByRole("button", { name: "Edit your comment" })).toHaveCount(0);
    await expect(tom.page.getByRole("toolbar", { name: "Comments" })).toHaveCount(0);

    // And what others write still reaches him live.
    await openLog(priya, investigationLog.id);
    const priyaReply = priyasThread.getByRole("form", { name: "Reply" });
    await priyaReply.getByRole("textbox", { name: "Reply" }).fill("Thanks, Tom.");
    await priyaReply.getByRole("button", { name: "Reply" }).click();
    await expect(tomsThread).toContainText("Thanks, Tom.", { timeout: 10_000 });
  } finally {
    await setTomsRole(priya, kestrel, tomsRole === "reader" ? "reader" : "member");
  }
});
