/**
 * An administrator's decisions take effect on the person's very next request (ASVS v5.0.0-7.4.2):
 * disabling someone or ending their sessions revokes them on the server, whatever cookie the
 * person's browser still holds. Janet is disabled here (and in api-tokens.spec.ts) because no spec
 * depends on anything she does; she is enabled again before the test ends.
 */
import { test, expect, PEOPLE } from "./fixtures";

test("disabling a person signs them out at once and refuses their sign-in until re-enabled", async ({ openSession }) => {
  const janet = await openSession(PEOPLE.janet);
  const sam = await openSession(PEOPLE.sam);

  await sam.admin.goto();
  await expect(sam.admin.status(PEOPLE.janet.email)).toHaveText("active");
  await sam.admin.disable(PEOPLE.janet.email);
  await expect(sam.admin.row(PEOPLE.janet.email).getByRole("status")).toContainText(/Disabled; [1-9]\d* session\(s\) ended\./);

  // Janet's browser still has its cookie; her next request is refused all the same.
  await janet.page.reload();
  await janet.signInPage.expectShown();
  await expect(janet.shell.who).toHaveCount(0);

  // Signing in again is refused, with the same message as wrong credentials (no account oracle).
  await janet.signInPage.signIn(PEOPLE.janet.email);
  await expect(janet.signInPage.error).toHaveText("The e-mail address or password is not right.");
  await janet.signInPage.expectShown();

  await sam.admin.enable(PEOPLE.janet.email);
  await janet.signInPage.signInAndWait(PEOPLE.janet.email);
  await janet.shell.expectSignedInAs(PEOPLE.janet);
});

test("ending a person's sessions signs them out without disabling them", async ({ openSession }) => {
  const tom = await openSession(PEOPLE.tom);
  const sam = await openSession(PEOPLE.sam);

  await sam.admin.goto();
  // At least the session opened above (other specs may have left more of Tom's open).
  expect(await sam.admin.endSessions(PEOPLE.tom.email)).toBeGreaterThanOrEqual(1);
  await expect(sam.admin.status(PEOPLE.tom.email)).toHaveText("active");
  // All of them: none is left to end.
  await sam.admin.goto();
  expect(await sam.admin.endSessions(PEOPLE.tom.email)).toBe(0);

  await tom.spaces.goto();
  await tom.signInPage.expectShown();

  // Still an active account: Tom can sign straight back in.
  await tom.signInPage.signIn(PEOPLE.tom.email);
  await expect(tom.page).toHaveURL(/\/spaces$/);
  await tom.shell.expectSignedInAs(PEOPLE.tom);
});

test("an administrator is offered no way to disable or sign out themselves", async ({ openSession }) => {
  const sam = await openSession(PEOPLE.sam);
  await sam.admin.goto();
  await expect(sam.admin.row(PEOPLE.sam.email)).toContainText("This is you");
  await expect(sam.admin.row(PEOPLE.sam.email).getByRole("button")).toHaveCount(0);
});

for (const person of [PEOPLE.tom, PEOPLE.priya]) {
  test(`${person.name}, not an administrator, gets "not found" at /admin/users`, async ({ page, signInAs }) => {
    await signInAs(person);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByTestId(`user-${PEOPLE.janet.email}`)).toHaveCount(0);
  });
}

test("Sam sees only the people of his own agency", async ({ openSession }) => {
  const sam = await openSession(PEOPLE.sam);
  await sam.admin.goto();
  await expect(sam.admin.heading).toHaveText("People of Devon & Cornwall Police");
  await expect(sam.page.getByTestId(/^user-/)).toHaveCount(5);
  await expect(sam.admin.row(PEOPLE.alex.email)).toHaveCount(0);
  await expect(sam.admin.row(PEOPLE.helen.email)).toHaveCount(0);
});
