/**
 * Co-editing across forces (the co-editing issue's acceptance): Priya (Devon & Cornwall Police) and
 * Alex (Dorset Police) type in Operation Kestrel's investigation log at the same time and both see
 * both edits; Tom, made a reader, sees them live and cannot type; removing Alex from the space
 * closes his connection and his page says so.
 *
 * These specs change the seeded documents and Kestrel's members, so they run in their own
 * Playwright project after every other spec (playwright.config.ts), which assert that reads
 * change nothing.
 */
import { test, expect, PEOPLE, expectHydrated, type Session } from "./fixtures";

const LOG = "Investigation log";

async function openLog(session: Session, logId: string): Promise<void> {
  await session.document.goto(logId);
  await expect(session.document.heading).toHaveText(LOG);
  await expect(session.page.getByTestId("collab-status")).toContainText("Connected", { timeout: 15_000 });
}

/** The editor's text without the other people's cursor labels (which are shown inside it). */
function editorText(page: Session["page"]): Promise<string> {
  return page.getByTestId("editor").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return copy.textContent ?? "";
  });
}

test.describe.configure({ mode: "serial" });

test("Priya and Alex type in the investigation log at once, and each sees both edits", async ({ openSession, scenario }) => {
  const { investigationLog } = scenario.documents;
  const [priya, alex] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.alex)]);
  await Promise.all([openLog(priya, investigationLog.id), openLog(alex, investigationLog.id)]);

  // The marking is above and below the editor for both.
  for (const s of [priya, alex]) {
    await expect(s.document.topMarking).toContainText("OFFICIAL-SENSITIVE PERSONAL DATA");
    await expect(s.document.bottomMarking).toContainText("OFFICIAL-SENSITIVE PERSONAL DATA");
  }
  // Each sees the other is here, with their agency.
  await expect(priya.page.getByTestId("presence")).toContainText(`${PEOPLE.alex.name} (DOR)`);
  await expect(alex.page.getByTestId("presence")).toContainText(`${PEOPLE.priya.name} (DCP)`);

  const priyaEditor = priya.page.getByTestId("editor");
  const alexEditor = alex.page.getByTestId("editor");
  // (The editors are ProseMirror's DOM, not React's: "Connected" above is their readiness.)
  // Priya adds to the end of the log while Alex adds to its start, at the same time.
  await priyaEditor.click();
  await priya.page.keyboard.press("Control+End");
  await alexEditor.click();
  await alex.page.keyboard.press("Control+Home");
  await Promise.all([
    (async () => {
      await priya.page.keyboard.press("Enter");
      await priya.page.keyboard.type("Priya: vehicle seen leaving Paignton at 21:40", { delay: 15 });
    })(),
    (async () => {
      await alex.page.keyboard.type("Alex: ANPR hit on the A35 near Dorchester", { delay: 15 });
      await alex.page.keyboard.press("Enter");
    })(),
  ]);
  for (const page of [priya.page, alex.page]) {
    await expect.poll(() => editorText(page)).toContain("Priya: vehicle seen leaving Paignton at 21:40");
    await expect.poll(() => editorText(page)).toContain("Alex: ANPR hit on the A35 near Dorchester");
  }
  // Each sees the other's cursor, named.
  await expect(priya.page.locator(".collaboration-carets__label", { hasText: PEOPLE.alex.name })).toBeVisible();

  // What they typed is stored: a fresh page load shows it.
  await alex.page.waitForTimeout(2_500);
  await priya.page.reload();
  await expect(priya.page.getByTestId("collab-status")).toContainText("Connected", { timeout: 15_000 });
  await expect.poll(() => editorText(priya.page)).toContain("Alex: ANPR hit on the A35 near Dorchester");
});

test("Tom, made a reader, sees edits live and cannot type", async ({ openSession, scenario }) => {
  const { kestrel } = scenario.spaces;
  const { investigationLog } = scenario.documents;
  const priya = await openSession(PEOPLE.priya);
  await priya.space.goto(kestrel.id, kestrel.name);
  const role = priya.space.memberRole(PEOPLE.tom.name);
  await expectHydrated(role.getByRole("button"));
  await role.getByLabel(`Role of ${PEOPLE.tom.name}`).selectOption({ label: "Reader" });
  await role.getByRole("button", { name: `Change role of ${PEOPLE.tom.name}` }).click();
  await expect(priya.space.activity.first()).toContainText(`changed the role of ${PEOPLE.tom.name} to reader`);

  const tom = await openSession(PEOPLE.tom);
  await Promise.all([openLog(priya, investigationLog.id), openLog(tom, investigationLog.id)]);
  const tomEditor = tom.page.getByTestId("editor");
  await expect(tom.page.getByTestId("read-only-notice")).toBeVisible();
  await expect(tomEditor).toHaveAttribute("contenteditable", "false");
  await expect(tom.page.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  // A reader is not announced to the others (the server drops a reader's presence).
  await priya.page.waitForTimeout(1_000);
  await expect(priya.page.getByTestId("collab-status")).not.toContainText(PEOPLE.tom.name);

  const priyaEditor = priya.page.getByTestId("editor");
  await priyaEditor.click();
  await priya.page.keyboard.press("Control+End");
  await priya.page.keyboard.press("Enter");
  await priya.page.keyboard.type("Priya: briefing at 08:00 for all teams");
  await expect.poll(() => editorText(tom.page)).toContain("Priya: briefing at 08:00 for all teams");

  // Typing into the read-only editor changes nothing, for him or for Priya.
  await tomEditor.click();
  await tom.page.keyboard.type("Tom was here");
  await expect(tomEditor).not.toContainText("Tom was here");
  await priya.page.waitForTimeout(500);
  expect(await editorText(priya.page)).not.toContain("Tom was here");
});

test("Priya saves a version; Tom, a reader, views it and compares it with the current content", async ({ openSession, scenario }) => {
  const { investigationLog } = scenario.documents;
  const priya = await openSession(PEOPLE.priya);
  await openLog(priya, investigationLog.id);
  const save = priya.page.getByRole("form", { name: "Save a version" });
  await expectHydrated(save.getByRole("button", { name: "Save version" }));
  await save.getByLabel("Version name").fill("Before the morning briefing");
  await save.getByRole("button", { name: "Save version" }).click();
  await expect(save.getByRole("status")).toContainText(/Saved as version \d+/);
  // Then more content after the version.
  const editor = priya.page.getByTestId("editor");
  await editor.click();
  await priya.page.keyboard.press("Control+End");
  await priya.page.keyboard.press("Enter");
  await priya.page.keyboard.type("Priya: suspect arrested at 06:10");
  await priya.page.waitForTimeout(2_500);

  const tom = await openSession(PEOPLE.tom);
  await openLog(tom, investigationLog.id);
  await expect(tom.page.getByRole("form", { name: "Save a version" })).toHaveCount(0);
  await tom.page.getByTestId("version-row").filter({ hasText: "Before the morning briefing" }).getByRole("link").click();
  await expect(tom.page.getByTestId("version-content")).toContainText("Priya: vehicle seen leaving Paignton");
  await expect(tom.page.getByTestId("version-content")).not.toContainText("suspect arrested");
  await expect(tom.document.topMarking).toContainText("OFFICIAL-SENSITIVE");
  await expect(tom.page.getByRole("button", { name: /Restore version/ })).toHaveCount(0);
  await tom.page.goBack();
  await tom.page.getByRole("form", { name: "Compare versions" }).getByRole("button", { name: "Compare" }).click();
  await expect(tom.page.getByTestId("diff").locator(".diff-added")).toContainText("Priya: suspect arrested at 06:10");
});

test("removing Alex from Kestrel closes his open editor, and his page says so", async ({ openSession, scenario }) => {
  const { kestrel } = scenario.spaces;
  const { investigationLog } = scenario.documents;
  const [priya, alex] = await Promise.all([openSession(PEOPLE.priya), openSession(PEOPLE.alex)]);
  await openLog(alex, investigationLog.id);
  await expect.poll(() => editorText(alex.page)).toContain("Priya: vehicle seen leaving Paignton");

  await priya.space.goto(kestrel.id, kestrel.name);
  await priya.space.removeMember(PEOPLE.alex.name);

  // Within seconds: the connection is closed and the content leaves his page, with the reason
  // (from the socket, or from the page's own access check, whichever comes first).
  await expect(alex.page.getByTestId("editor")).toHaveCount(0, { timeout: 10_000 });
  await expect(alex.page.getByRole("alert").filter({ hasText: /access to this document has ended|no longer available/i })).toBeVisible();
  await expect(alex.page.getByText("Priya: vehicle seen leaving Paignton")).toHaveCount(0);
});
