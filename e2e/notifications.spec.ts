/**
 * Notifications (issue 10): Priya @mentions Tom in a comment on a document of Operation Kestrel;
 * Tom signs in, the bell in the header counts it unread, the notifications page names the mention,
 * the document and the space, and following it opens the document. Priya comments on a document of
 * her own making, deleted at the end, so nothing another spec relies on changes (Tom is a member of Kestrel in the
 * chromium project; the co-editing project, which changes his role, runs after it).
 */
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

test("Tom is @mentioned by Priya and sees the notification, names the space, and follows it to the document", async ({ openSession, scenario }) => {
  const { kestrel } = scenario.spaces;
  const stamp = Date.now().toString(36);
  const title = `Door-to-door plan ${stamp}`;
  const line = `Canvass the estate ${stamp}`;

  // Priya makes a document in Kestrel and writes a line in it.
  const priya = await openSession(PEOPLE.priya);
  await priya.page.goto(`/spaces/${kestrel.id}`);
  await priya.page.getByText("New document", { exact: true }).click();
  const titleBox = priya.page.getByRole("form", { name: "New document" }).getByLabel("Title");
  await expectHydrated(titleBox);
  await titleBox.fill(title);
  await priya.page.getByRole("button", { name: "Create document" }).click();
  await expect(priya.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const documentUrl = new URL(priya.page.url());
  expect(documentUrl.pathname).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
  await expect(priya.page.getByTestId("collab-status")).toContainText("Connected", { timeout: 15_000 });
  await expect(priya.page.getByRole("region", { name: "Comments" }).getByText("Loading comments…")).toHaveCount(0);
  const editor = priya.page.getByTestId("editor");
  await editor.click();
  await priya.page.keyboard.type(line);
  await priya.page.keyboard.press("Shift+Home");

  // She comments on it, mentioning Tom from the people who may read the document.
  await priya.page.getByRole("toolbar", { name: "Comments" }).getByRole("button", { name: "Comment" }).click();
  const form = priya.page.getByRole("form", { name: "New comment" });
  await expect(form).toContainText(line);
  const text = form.getByRole("textbox", { name: "Comment" });
  await text.pressSequentially("Can you take this one @Tom");
  const people = form.getByRole("listbox", { name: "People who can read this document" });
  await expect(people.getByRole("option", { name: /PC Tom Hughes/ })).toBeVisible();
  await text.press("Enter");
  await expect(text).toHaveValue("Can you take this one @PC Tom Hughes ");
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form).toHaveCount(0);
  await expect(priya.page.getByRole("article", { name: new RegExp(`^Comment thread on “Canvass the estate ${stamp}`) })).toContainText("@PC Tom Hughes");

  // Tom signs in: the bell counts the mention among his unread notifications.
  const tom = await openSession(PEOPLE.tom);
  const bell = tom.page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
  await bell.click();
  await expect(tom.page).toHaveURL(/\/notifications$/);
  await expect(tom.page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();

  // The notification names the mention, the document (he may read it) and the space, unread.
  const item = tom.page.getByTestId("notification").filter({ hasText: `You were mentioned in a comment on “${title}”` });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText(`Mention · ${kestrel.name}`);
  // Never the comment itself.
  await expect(item).not.toContainText("Can you take this one");

  // Following it opens the document.
  await item.getByRole("link", { name: `You were mentioned in a comment on “${title}”` }).click();
  await expect(tom.page).toHaveURL(documentUrl.pathname);
  await expect(tom.page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The document was only for this test: Priya deletes it, so that Kestrel's documents are the
  // seeded ones again for the specs that list them (e2e/route-matrix.spec.ts).
  const removed = await priya.context.request.delete(`/api/v1${documentUrl.pathname}`, { headers: { origin: documentUrl.origin } });
  expect(removed.status(), await removed.text()).toBe(200);
});

test("people choose which kinds reach them in the app: the settings page keeps the choice", async ({ openSession }) => {
  const tom = await openSession(PEOPLE.tom);
  await tom.page.goto("/settings/notifications");
  await expect(tom.page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  const box = tom.page.getByRole("checkbox", { name: "Someone replies in a comment thread you are in: in Accord" });
  await expectHydrated(box);
  await expect(box).toBeChecked();
  // No SMTP in the end-to-end deployment: no e-mail column.
  await expect(tom.page.getByRole("columnheader", { name: "By e-mail" })).toHaveCount(0);
  await box.uncheck();
  await tom.page.getByRole("button", { name: "Save choices" }).click();
  await expect(tom.page.getByRole("status")).toHaveText("Your choices are saved.");
  await tom.page.reload();
  await expect(tom.page.getByRole("checkbox", { name: "Someone replies in a comment thread you are in: in Accord" })).not.toBeChecked();
  // Put back as it was, so the spec can run again on the same data.
  const again = tom.page.getByRole("checkbox", { name: "Someone replies in a comment thread you are in: in Accord" });
  await expectHydrated(again);
  await again.check();
  await tom.page.getByRole("button", { name: "Save choices" }).click();
  await expect(tom.page.getByRole("status")).toHaveText("Your choices are saved.");
});
