/**
 * Demo sign-in, what each person of the scenario sees once in, and sign-out. The session must be
 * held in an HttpOnly, SameSite=Lax cookie and end on the server when the person signs out.
 */
import { test, expect, PEOPLE, SPACES, SESSION_COOKIE } from "./fixtures";

const WRONG_CREDENTIALS = "The e-mail address or password is not right.";

test.describe("who sees what after signing in", () => {
  test("Priya (DCP) sees all three spaces and herself in the header", async ({ signInAs, shell, spacesPage }) => {
    await signInAs(PEOPLE.priya);
    await shell.expectSignedInAs(PEOPLE.priya);
    await spacesPage.expectSpaces([SPACES.mash, SPACES.training, SPACES.kestrel]);
  });

  test("Alex (Dorset Police) sees only Operation Kestrel", async ({ signInAs, shell, spacesPage }) => {
    await signInAs(PEOPLE.alex);
    await shell.expectSignedInAs(PEOPLE.alex);
    await spacesPage.expectSpaces([SPACES.kestrel]);
  });

  test("Helen (Cornwall Council) sees only the MASH space", async ({ signInAs, shell, spacesPage }) => {
    await signInAs(PEOPLE.helen);
    await shell.expectSignedInAs(PEOPLE.helen);
    await spacesPage.expectSpaces([SPACES.mash]);
  });

  test("Mark is told that his vetting has expired", async ({ signInAs, shell }) => {
    await signInAs(PEOPLE.mark);
    await shell.expectSignedInAs(PEOPLE.mark);
    await expect(shell.who).toContainText("Vetting: ");
    await expect(shell.who).toContainText("expired 30 Jun 2025");
    await expect(shell.vettingWarning).toContainText("Your vetting expired on 30 Jun 2025");
  });

  test("someone whose vetting is current sees no expiry warning", async ({ signInAs, shell }) => {
    await signInAs(PEOPLE.tom);
    await expect(shell.who).toContainText("until 30 Jun 2028");
    await expect(shell.who).not.toContainText("expired");
    await expect(shell.vettingWarning).toHaveCount(0);
  });
});

test.describe("refused sign-in", () => {
  test("a wrong password and an unknown e-mail get the same error and stay on /signin", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(PEOPLE.priya.email, "not-the-password");
    await expect(signInPage.error).toHaveText(WRONG_CREDENTIALS);
    await signInPage.expectShown();
    // The e-mail is kept so that the person can correct the password.
    await expect(signInPage.email).toHaveValue(PEOPLE.priya.email);
    const wrongPasswordError = await signInPage.error.textContent();

    await signInPage.goto();
    await signInPage.signIn("nobody@dcp.example", "not-the-password");
    await expect(signInPage.error).toHaveText(WRONG_CREDENTIALS);
    await signInPage.expectShown();
    expect(await signInPage.error.textContent()).toBe(wrongPasswordError);

    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
  });

  test("an empty form gets an error on each field", async ({ signInPage }) => {
    await signInPage.goto();
    await signInPage.submit.click();
    await expect(signInPage.email).toHaveAttribute("aria-invalid", "true");
    await expect(signInPage.email).toHaveAccessibleDescription("Enter your e-mail address");
    await expect(signInPage.password).toHaveAttribute("aria-invalid", "true");
    await expect(signInPage.password).toHaveAccessibleDescription("Enter your password");
    await signInPage.expectShown();
    // Field errors, not the "wrong credentials" message: nothing was checked.
    await expect(signInPage.error).toHaveCount(0);
  });
});

test.describe("session", () => {
  test("a signed-out visitor to /spaces is sent to sign in", async ({ page, signInPage }) => {
    await page.goto("/spaces");
    await signInPage.expectShown();
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, signInPage }) => {
    const settingResponse = page.waitForResponse(async (r) => (await r.headerValue("set-cookie"))?.includes(`${SESSION_COOKIE}=`) ?? false);
    await signInPage.signInAndWait(PEOPLE.priya.email);

    // As sent by the server: Chromium reports a cookie without SameSite as "Lax" in
    // context.cookies(), so the attribute itself is checked here.
    const setCookie = ((await (await settingResponse).headerValue("set-cookie")) ?? "")
      .split("\n")
      .find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax(;|$)/i);

    // As the browser holds it.
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie, `a ${SESSION_COOKIE} cookie is set`).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    // Scripts in the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  });

  test("signing out ends the session: /spaces needs sign-in again, even with the old cookie", async ({ page, signInAs, shell, signInPage, spacesPage }) => {
    await signInAs(PEOPLE.priya);
    const oldCookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(oldCookie).toBeDefined();

    await shell.signOut();
    await expect(signInPage.signedOutNotice).toBeVisible();
    await spacesPage.goto();
    await signInPage.expectShown();

    // Replaying the cookie from before sign-out does not bring the session back.
    await page.context().addCookies([oldCookie!]);
    await spacesPage.goto();
    await signInPage.expectShown();
    await expect(shell.who).toHaveCount(0);
  });

  test("a signed-in person who opens /signin is taken to their spaces", async ({ page, signInAs, spacesPage }) => {
    await signInAs(PEOPLE.alex);
    await page.goto("/signin");
    await expect(page).toHaveURL(/\/spaces$/);
    await spacesPage.expectSpaces([SPACES.kestrel]);
  });
});
