/**
 * The shell around every page: classification banners, navigation by role, keyboard access, and the
 * health endpoint that load balancers poll.
 */
import { test, expect, PEOPLE } from "./fixtures";

test.describe("classification banner", () => {
  // The deployment's ceiling is the OFFICIAL tier, whose highest marking is OFFICIAL-SENSITIVE.
  const BANNER = /^OFFICIAL-SENSITIVE\s*Accord holds information up to OFFICIAL-SENSITIVE\. Handle accordingly\.$/;

  test("is shown at the top and the bottom of signed-in pages", async ({ page, signInAs, shell }) => {
    await signInAs(PEOPLE.priya);
    for (const banner of [shell.topBanner, shell.bottomBanner]) {
      await expect(banner).toBeVisible();
      await expect(banner).toHaveText(BANNER);
    }
    // The top banner is the first thing on the page; the bottom one comes after the main content.
    const order = await page.evaluate(() => {
      const banners = document.querySelectorAll('[aria-label^="Classification banner"]');
      const main = document.querySelector("main");
      const header = document.querySelector("header");
      const follows = (a: Element | null | undefined, b: Element | null | undefined) =>
        !!a && !!b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      return {
        count: banners.length,
        topBeforeHeader: follows(banners[0], header),
        bottomAfterMain: follows(main, banners[1]),
      };
    });
    expect(order).toEqual({ count: 2, topBeforeHeader: true, bottomAfterMain: true });
    const top = await shell.topBanner.boundingBox();
    expect(top?.y).toBe(0);
  });

  test("is shown on the sign-in page too", async ({ signInPage, shell }) => {
    await signInPage.goto();
    await expect(shell.topBanner).toHaveText(BANNER);
    await expect(shell.bottomBanner).toHaveText(BANNER);
  });
});

test.describe("navigation", () => {
  test("shows Admin to Sam, the agency administrator", async ({ signInAs, shell, adminUsersPage, page }) => {
    await signInAs(PEOPLE.sam);
    await expect(shell.navLinks).toHaveText(["Spaces", "My work", "Pre-planned responses", "Forms", "Records", "Admin", "Agreements", "Explain access", "SharePoint", "Search"]);
    await expect(shell.nav.getByRole("link", { name: "Spaces" })).toHaveAttribute("aria-current", "page");
    await shell.nav.getByRole("link", { name: "Admin" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(adminUsersPage.heading).toBeVisible();
    await expect(shell.nav.getByRole("link", { name: "Admin" })).toHaveAttribute("aria-current", "page");
  });

  for (const person of [PEOPLE.priya, PEOPLE.alex, PEOPLE.helen]) {
    test(`does not show Admin to ${person.name}`, async ({ signInAs, shell }) => {
      await signInAs(person);
      await expect(shell.navLinks).toHaveText(["Spaces", "My work", "Pre-planned responses", "Forms", "Search"]);
    });
  }

  test("shows Records, and not Admin, to Janet, the records manager", async ({ signInAs, shell }) => {
    await signInAs(PEOPLE.janet);
    await expect(shell.navLinks).toHaveText(["Spaces", "My work", "Pre-planned responses", "Forms", "Records", "Search"]);
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first Tab stop and moves focus to the main content", async ({ page, signInAs, shell }) => {
    await signInAs(PEOPLE.priya);
    // A fresh load, so that focus starts at the top of the document.
    await page.reload();
    await page.keyboard.press("Tab");
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    await expect(shell.main).toBeFocused();
  });
});

test("/api/health reports ok on the embedded database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
});
