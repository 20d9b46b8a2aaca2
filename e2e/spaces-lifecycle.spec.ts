/**
 * The life of a collaboration space, as a newcomer meets it (issue 4's acceptance): Priya opens
 * "Operation Heron" under ISA-SW-001 and adds Alex of Dorset Police as a partner guest; Alex sees
 * it; Helen of Cornwall Council cannot be added, and Priya is told why; Alex, removed, sees his open
 * page of Heron go; Priya freezes and reopens it; bad input is refused with nothing created; a
 * non-owner is offered no controls and the server refuses him when he replays an owner's request.
 *
 * The tests run in order and share Heron. It is a new space, so the seeded scenario the other
 * specs rely on is untouched; the last test archives Heron, which takes it out of every list.
 */
import type { Request } from "@playwright/test";
import { test, expect, expectHydrated, PEOPLE, SPACES, type Session } from "./fixtures";
import { NewSpacePage } from "./pages/new-space-page";
import { SpacePage } from "./pages/space-page";

test.describe.configure({ mode: "serial" });

const HERON = "Operation Heron";
const HERON_PURPOSE = "Joint investigation of a drugs supply line between Plymouth and Bournemouth.";
/** ISA-SW-001's review date: a guest's access cannot outlast it. */
const SW001_REVIEW = "2027-05-01";

let heronId = "";
/** Priya's "add Alex" server action request, as her browser sent it (replayed by Tom below). */
let ownersAddRequest: { actionId: string; body: string; contentType: string } | null = null;

async function openHeron(session: Session): Promise<void> {
  expect(heronId, "Operation Heron was created by the first test").not.toBe("");
  await session.space.goto(heronId, HERON);
}

/** The names of the spaces in a person's list, through the API (archived spaces are left out). */
async function spaceNames(session: Session): Promise<string[]> {
  const response = await session.context.request.get("/api/v1/spaces");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { name: string }[] }).items.map((s) => s.name);
}

test("Priya creates Operation Heron under ISA-SW-001 and adds Alex (Dorset Police) as a partner guest", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await expect(priya.spaces.newSpaceButton).toBeVisible();
  await priya.spaces.newSpaceButton.click();

  const form = new NewSpacePage(priya.page);
  await expect(form.heading).toBeVisible();
  // Nothing above the deployment's ceiling is offered; agreements in force that include DCP are.
  await expect(form.ceilingMarking.locator("option")).toHaveText(["OFFICIAL", "OFFICIAL-SENSITIVE"]);
  await expect(form.agreement("ISA-SW-001")).toBeVisible();
  await expect(form.agreement("ISA-CC-014")).toBeVisible();
  await expect(form.agreement("ISA-DC-003")).toHaveCount(0);

  await form.fill({
    name: HERON,
    purpose: HERON_PURPOSE,
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL",
    agreements: ["ISA-SW-001"],
    template: "Joint investigation",
  });
  await form.create();
  await expect(priya.page).toHaveURL(/\/spaces\/[0-9a-f-]{36}$/);
  await expect(priya.space.heading).toHaveText(HERON);
  heronId = priya.space.spaceId();

  // The space's marking, above and below its content; what it is; who is in it; what happened.
  await expect(priya.space.topMarking).toContainText("OFFICIAL-SENSITIVE");
  await expect(priya.space.bottomMarking).toContainText("OFFICIAL-SENSITIVE");
  await expect(priya.space.overview).toContainText("Devon & Cornwall Police");
  await expect(priya.space.overview).toContainText("ISA-SW-001 Strategic Alliance joint investigations");
  await expect(priya.space.status).toHaveText("Active");
  await expect(priya.shell.main).toContainText(HERON_PURPOSE);
  await expect(priya.shell.main).toContainText("There are no documents here that you can open.");
  await expect(priya.shell.main).toContainText("No boards yet");
  await expect(priya.shell.main).toContainText("No forms filled in here yet");
  await priya.space.expectMembers([PEOPLE.priya.name]);
  await expect(priya.space.memberRole(PEOPLE.priya.name).getByRole("combobox")).toHaveValue("owner");
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} created the space`);

  // Add people: Alex is found, can join only as a partner guest, until ISA-SW-001's review date.
  const dialog = priya.space.addPeople;
  await dialog.open();
  await dialog.searchFor("alex");
  const alex = dialog.candidate(PEOPLE.alex.name);
  await expect(alex).toContainText("Dorset Police");
  await expect(alex.getByLabel(`Role for ${PEOPLE.alex.name}`).locator("option")).toHaveText(["Partner guest"]);
  await expect(alex.getByLabel(`Access ends for ${PEOPLE.alex.name}`)).toHaveValue(SW001_REVIEW);
  await expect(alex).toContainText("under ISA-SW-001");

  // (The search is a server action too: this is the one that carries a role.)
  const sent = priya.page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined && (r.postData() ?? "").includes('"role"'));
  const outcome = await dialog.add(PEOPLE.alex.name);
  await expect(outcome).toHaveText(`Added ${PEOPLE.alex.name} as partner guest until 1 May 2027.`);
  ownersAddRequest = await captured(await sent);
  await dialog.close();
  await expect(dialog.dialog).toBeHidden();
  await expect(priya.space.addPeopleButton).toBeFocused();

  await priya.space.expectMembers([PEOPLE.priya.name, PEOPLE.alex.name]);
  await expect(priya.space.member(PEOPLE.alex.name)).toContainText("Partner guest");
  await expect(priya.space.member(PEOPLE.alex.name)).toContainText("1 May 2027");
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} added ${PEOPLE.alex.name} as guest under ISA-SW-001`);

  await priya.spaces.goto();
  await expect(priya.spaces.card(HERON)).toContainText("you are the owner");
});

test("Alex signs in and sees Operation Heron, as a guest with no owner's controls", async ({ openSession }) => {
  const alex = await openSession(PEOPLE.alex);
  await expect(alex.spaces.card(HERON)).toHaveCount(1);
  await expect(alex.spaces.card(HERON)).toContainText("you are a partner guest");
  await expect(alex.spaces.newSpaceButton).toHaveCount(0);
  await alex.spaces.card(HERON).getByRole("link", { name: HERON }).click();
  await expect(alex.space.heading).toHaveText(HERON);
  await alex.space.expectMembers([PEOPLE.priya.name, PEOPLE.alex.name]);
  await expect(alex.space.addPeopleButton).toHaveCount(0);
  await expect(alex.space.lifecycle).toHaveCount(0);
  await expect(alex.space.confirmAccessButton).toHaveCount(0);
  // No role pickers for anyone (a guest may still choose a marking for a file or document he adds).
  await expect(alex.space.memberRows.getByRole("combobox")).toHaveCount(0);
  await expect(alex.shell.main.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(alex.space.member(PEOPLE.alex.name).getByRole("button", { name: "Leave space" })).toBeVisible();
});

test("Priya cannot add Helen (Cornwall Council) to Heron, and is told why", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  const dialog = priya.space.addPeople;
  await dialog.open();

  // Part of a name finds nobody outside the agencies the space is shared with: no directory.
  await dialog.searchFor("helen");
  await expect(dialog.searchStatus).toHaveText("No one found.");

  // Her full address finds her, with the reason she cannot be added, and no way to add her.
  await dialog.searchFor(PEOPLE.helen.email);
  const helen = dialog.candidate(PEOPLE.helen.name);
  await expect(helen).toContainText(
    "Cannot be added: No agreement in force for this space includes Cornwall Council (the space runs under ISA-SW-001)",
  );
  await expect(helen.getByRole("button")).toHaveCount(0);
  await dialog.close();
  await priya.space.expectMembers([PEOPLE.priya.name, PEOPLE.alex.name]);
});

test("adding Tom twice gives a clear error, and he is a member once", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  // Two tabs with the dialog open, as two owners at once would have.
  const second = await priya.context.newPage();
  const secondSpace = new SpacePage(second);
  await openHeron(priya);
  await secondSpace.goto(heronId, HERON);
  for (const space of [priya.space, secondSpace]) {
    await space.addPeople.open();
    await space.addPeople.searchFor("tom");
    await expect(space.addPeople.candidate(PEOPLE.tom.name).getByLabel(`Role for ${PEOPLE.tom.name}`).locator("option")).toHaveText([
      "Owner",
      "Member",
      "Reader",
    ]);
  }

  await expect(await priya.space.addPeople.add(PEOPLE.tom.name, "Member")).toHaveText(`Added ${PEOPLE.tom.name} as member.`);
  const refusal = await secondSpace.addPeople.add(PEOPLE.tom.name, "Reader");
  await expect(refusal).toHaveAttribute("role", "alert");
  await expect(refusal).toHaveText(`${PEOPLE.tom.name} is already a member of this space`);

  await second.reload();
  await secondSpace.expectMembers([PEOPLE.priya.name, PEOPLE.alex.name, PEOPLE.tom.name]);
  await expect(secondSpace.member(PEOPLE.tom.name)).toContainText("Member");
  await expect(secondSpace.memberRole(PEOPLE.tom.name).getByRole("combobox")).toHaveValue("member");
});

test("Tom, a member but not an owner, is offered no add, remove or lifecycle controls in Heron or Kestrel", async ({ openSession, scenario }) => {
  const tom = await openSession(PEOPLE.tom);
  await expect(tom.spaces.newSpaceButton).toHaveCount(0);
  for (const [id, name] of [
    [heronId, HERON],
    [scenario.spaces.kestrel.id, SPACES.kestrel],
  ] as const) {
    await tom.space.goto(id, name);
    await expect(tom.space.memberRows.first()).toBeVisible();
    await expect(tom.space.addPeopleButton).toHaveCount(0);
    await expect(tom.space.lifecycle).toHaveCount(0);
    await expect(tom.space.confirmAccessButton).toHaveCount(0);
    // Members may add documents and files, but no role pickers and no removals.
    await expect(tom.space.memberRows.getByRole("combobox")).toHaveCount(0);
    await expect(tom.shell.main.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    // Among the members, only his own way out.
    await expect(tom.space.memberRows.getByRole("button")).toHaveText(["Leave space"]);
  }
});

test("Priya removes Alex and his open page of Heron says the space is gone", async ({ openSession }) => {
  test.setTimeout(60_000);
  const alex = await openSession(PEOPLE.alex);
  await openHeron(alex);
  await expect(alex.space.memberRows.first()).toBeVisible();

  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await priya.space.removeMember(PEOPLE.alex.name);
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} removed ${PEOPLE.alex.name}`);

  // Within a poll or two (every 5 s), without Alex doing anything.
  await expect(alex.space.goneAlert).toHaveText("This space is no longer available to you.", { timeout: 12_000 });
  await expect(alex.shell.main).not.toContainText(HERON_PURPOSE);
  await expect(alex.space.memberRows).toHaveCount(0);
  await alex.shell.main.getByRole("link", { name: "Go to your spaces" }).click();
  await alex.spaces.expectSpaces([SPACES.kestrel]);

  // And by its address Heron is now what anything he may not see is: not found.
  const response = await alex.page.goto(`/spaces/${heronId}`);
  expect(response?.status()).toBe(404);
  await alex.notFound.expectShown();
});

test("the server refuses Tom, a non-owner, when he replays Priya's request to add Alex", async ({ openSession, baseURL }) => {
  expect(ownersAddRequest, "Priya's add request was captured by the first test").not.toBeNull();
  const { actionId, body, contentType } = ownersAddRequest!;
  const tom = await openSession(PEOPLE.tom);
  await openHeron(tom);

  // A server action is a public POST endpoint: Tom sends exactly what Priya's browser sent.
  const response = await tom.context.request.post(`/spaces/${heronId}`, {
    headers: { "Next-Action": actionId, "Content-Type": contentType, Accept: "text/x-component", Origin: baseURL ?? "" },
    data: body,
  });
  const answer = await response.text();
  expect(answer).toContain('"ok":false');
  expect(answer).toContain('"code":"forbidden"');
  expect(answer).not.toContain('"ok":true');

  // Nothing changed: Alex is still not a member, and still cannot see Heron.
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await priya.space.expectMembers([PEOPLE.priya.name, PEOPLE.tom.name]);
  const alex = await openSession(PEOPLE.alex);
  expect((await alex.context.request.get(`/api/v1/spaces/${heronId}`)).status()).toBe(404);
});

test("Priya freezes Heron (read-only for everyone) and reopens it", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await expect(priya.space.statusNotice).toHaveCount(0);

  await priya.space.lifecycleAction("Freeze");
  await expect(priya.space.statusNotice).toContainText("read-only");
  await expect(priya.space.status).toHaveText("Frozen (read-only)");
  // Nobody can be added to a frozen space.
  await expect(priya.space.addPeopleButton).toHaveCount(0);
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} froze the space`);

  // Tom, a member, sees that it is frozen too, in his list and on the page.
  const tom = await openSession(PEOPLE.tom);
  await expect(tom.spaces.card(HERON)).toContainText("Frozen: read-only");
  await openHeron(tom);
  await expect(tom.space.statusNotice).toContainText("read-only");

  await priya.space.lifecycleAction("Reopen");
  await expect(priya.space.statusNotice).toHaveCount(0);
  await expect(priya.space.status).toHaveText("Active");
  await expect(priya.space.addPeopleButton).toBeVisible();
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} reopened the space`);
  await tom.spaces.goto();
  await expect(tom.spaces.card(HERON)).not.toContainText("Frozen");
});

test("Priya confirms the access review, and makes Tom a reader", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await expect(priya.page.getByTestId("review-due")).toBeVisible();
  await expectHydrated(priya.space.confirmAccessButton);
  await priya.space.confirmAccessButton.click();
  await expect(priya.shell.main.getByRole("status").filter({ hasText: "Thank you: access confirmed." })).toBeVisible();
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} confirmed who needs access`);

  const role = priya.space.memberRole(PEOPLE.tom.name);
  await expectHydrated(role.getByRole("button"));
  await role.getByLabel(`Role of ${PEOPLE.tom.name}`).selectOption({ label: "Reader" });
  await role.getByRole("button", { name: `Change role of ${PEOPLE.tom.name}` }).click();
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.priya.name} changed the role of ${PEOPLE.tom.name} to reader`);
  await priya.page.reload();
  await expect(priya.space.memberRole(PEOPLE.tom.name).getByRole("combobox")).toHaveValue("reader");
});

test("Tom leaves Heron; Priya, its only owner, cannot", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await priya.space.leave();
  const dialog = priya.page.getByRole("dialog", { name: `Leave ${HERON}?` });
  await dialog.getByRole("button", { name: "Leave space" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("A space needs at least one owner: make someone else an owner first");
  await priya.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const tom = await openSession(PEOPLE.tom);
  await openHeron(tom);
  await tom.space.leave();
  await tom.page.getByRole("dialog", { name: `Leave ${HERON}?` }).getByRole("button", { name: "Leave space" }).click();
  await expect(tom.page).toHaveURL(/\/spaces$/);
  await tom.spaces.expectSpaces([SPACES.training, SPACES.kestrel]);

  await priya.page.reload();
  await priya.space.expectMembers([PEOPLE.priya.name]);
  await expect(priya.space.activity.first()).toContainText(`${PEOPLE.tom.name} left the space`);
});

test("bad input: an empty or a 500-character name is refused with a clear error, keeping what was typed, and nothing is created", async ({
  openSession,
}) => {
  const priya = await openSession(PEOPLE.priya);
  const before = await spaceNames(priya);
  const form = new NewSpacePage(priya.page);
  await form.goto();

  await form.fill({ name: "", purpose: "A space with no name", agreements: ["ISA-SW-001"] });
  await form.create();
  await expect(form.error).toContainText("Give the space a name");
  await expect(form.error).toBeFocused();
  await expect(priya.page).toHaveURL(/\/spaces\/new$/);
  // What was typed is still there.
  await expect(form.purpose).toHaveValue("A space with no name");
  await expect(form.agreement("ISA-SW-001")).toBeChecked();

  const longName = "H".repeat(500);
  await form.name.fill(longName);
  await form.create();
  await expect(form.error).toContainText("Keep the name to 120 characters or fewer");
  await expect(form.name).toHaveValue(longName);
  await expect(form.purpose).toHaveValue("A space with no name");

  // A default marking above the highest is refused too.
  await form.fill({ name: "Operation Sparrow", ceilingMarking: "OFFICIAL", defaultMarking: "OFFICIAL-SENSITIVE" });
  await form.create();
  await expect(form.error).toContainText("The default marking cannot be above the space's highest marking");

  expect(await spaceNames(priya)).toEqual(before);
  await priya.spaces.goto();
  await expect(priya.spaces.names).toHaveText(before);
});

test("Tom, who may not open spaces, gets no New space button and not found at /spaces/new", async ({ openSession }) => {
  const tom = await openSession(PEOPLE.tom);
  await expect(tom.spaces.heading).toBeVisible();
  await expect(tom.spaces.newSpaceButton).toHaveCount(0);
  const response = await tom.page.goto("/spaces/new");
  expect(response?.status()).toBe(404);
  await tom.notFound.expectShown();
});

test("Priya archives Heron: it leaves everyone's list and is kept", async ({ openSession }) => {
  const priya = await openSession(PEOPLE.priya);
  await openHeron(priya);
  await priya.space.lifecycleAction("Archive");
  await expect(priya.space.statusNotice).toContainText("archived");
  await expect(priya.space.status).toHaveText("Archived");

  await priya.spaces.goto();
  await priya.spaces.expectSpaces([SPACES.mash, SPACES.training, SPACES.kestrel]);
  const tom = await openSession(PEOPLE.tom);
  await tom.spaces.expectSpaces([SPACES.training, SPACES.kestrel]);
  // Kept for records management: its owner can still open it at its address.
  await openHeron(priya);
  await expect(priya.space.lifecycle.getByRole("button", { name: "Reopen" })).toBeVisible();
});

/** The parts of a server action request needed to send it again. */
async function captured(request: Request): Promise<{ actionId: string; body: string; contentType: string }> {
  const headers = await request.allHeaders();
  return { actionId: headers["next-action"] ?? "", body: request.postData() ?? "", contentType: headers["content-type"] ?? "text/plain;charset=UTF-8" };
}
