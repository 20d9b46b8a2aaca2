/**
 * Signing in with an agency's OpenID Connect provider, end to end: Accord (Auth.js) against a real
 * provider (oidc-provider, e2e/support/oidc-server.ts) with the authorization code flow, PKCE,
 * state and nonce. The provider stands for Devon & Cornwall Police's; Accord is configured with it
 * as "dcp-oidc" for agency DCP (playwright.config.ts).
 *
 * What must hold (lib/auth/resolve-federated-identity.ts): the first sign-in links the provider's
 * subject to the Accord user of the provider's agency with that verified e-mail; later sign-ins use
 * the link; anything else (another agency's person, an unknown person, an unverified e-mail, a
 * token from an issuer other than the configured one) is refused and nobody is signed in.
 */
import type { Page } from "@playwright/test";
import { test, expect, PEOPLE, SPACES, SESSION_COOKIE } from "./fixtures";
import { TEST_ACCOUNTS, CLIENT_ID, PROVIDER_ID, MIXUP_PATH } from "./support/oidc-server";

const ISSUER = `http://localhost:${Number(process.env.E2E_OIDC_PORT ?? 4011)}`;
/** The sign-in page's buttons: one per configured provider, named after it (playwright.config.ts). */
const DCP_BUTTON = "Devon & Cornwall Police (test identity provider)";
const MIXUP_BUTTON = "Issuer mix-up (test identity provider)";

/** Clicks a provider's button on Accord's sign-in page. */
async function startSignIn(page: Page, button: string): Promise<void> {
  await page.goto("/signin");
  const submit = page.getByRole("button", { name: button, exact: true });
  // Click once React has hydrated the form, so that the server action runs through React's
  // fetch. A native (pre-hydration) form POST carries `Origin: null` under Accord's
  // `Referrer-Policy: no-referrer`, which Next.js's server-action origin check rejects.
  await expect
    .poll(() => submit.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber"))))
    .toBe(true);
  await submit.click();
}

/** Signs in on the provider's own login page (its origin, not Accord's). */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("test identity provider");
  await page.getByLabel("E-mail address").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Asserts that nobody is signed in in this browser: no session cookie, and /spaces sends to /signin. */
async function expectSignedOut(page: Page): Promise<void> {
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
  await page.goto("/spaces");
  await expect(page).toHaveURL(/\/signin(\?|$)/);
}

/** Asserts Accord refused the identity after the provider's callback (not the provider itself). */
async function expectAccessDenied(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied$/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not linked to an Accord user of its agency");
  await expectSignedOut(page);
}

const PRIYAS_SPACES = [SPACES.mash, SPACES.training, SPACES.kestrel];

test.describe("Sign-in with an agency's OpenID Connect provider", () => {
  test("a DCP officer signs in through DCP's provider with the code flow and PKCE", async ({ page, shell, spacesPage }) => {
    const authorizationRequests: URL[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin === ISSUER && url.pathname === "/auth") authorizationRequests.push(url);
    });

    await startSignIn(page, DCP_BUTTON);
    await signInAtProvider(page, TEST_ACCOUNTS.priya.login);

    await expect(page).toHaveURL(/\/spaces$/);
    await shell.expectSignedInAs(PEOPLE.priya);
    await spacesPage.expectSpaces(PRIYAS_SPACES);
    expect((await page.context().cookies()).map((c) => c.name)).toContain(SESSION_COOKIE);

    // The authorization request Accord sent: code flow, PKCE with S256, state and nonce.
    expect(authorizationRequests).toHaveLength(1);
    const params = authorizationRequests[0]!.searchParams;
    expect(params.get("response_type")).toBe("code");
    expect(params.get("client_id")).toBe(CLIENT_ID);
    expect(params.get("redirect_uri")).toMatch(new RegExp(`/api/auth/callback/${PROVIDER_ID}$`));
    expect(params.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email"]));
    expect(params.get("code_challenge_method")).toBe("S256");
    // S256 of a verifier: 32 bytes, base64url without padding.
    expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get("state")).toBeTruthy();
    expect(params.get("nonce")).toBeTruthy();
  });

  test("the provider insists on PKCE, so the sign-in above could not have done without it", async ({ request, baseURL }) => {
    // The same request without a code challenge is refused by the provider (RFC 7636 §4.4.1).
    const url = new URL(`${ISSUER}/auth`);
    url.search = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "openid email",
      redirect_uri: `${baseURL}/api/auth/callback/${PROVIDER_ID}`,
      state: "s",
      nonce: "n",
    }).toString();
    const response = await request.get(url.href, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    const location = new URL(response.headers()["location"]!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toContain("PKCE");
  });

  test("a Dorset Police officer asserted by DCP's provider is refused", async ({ page }) => {
    // alex.morgan@dor.example is an Accord user, but of DOR: DCP's provider cannot make him one of DCP's.
    await startSignIn(page, DCP_BUTTON);
    await signInAtProvider(page, TEST_ACCOUNTS.alex.login);
    await expectAccessDenied(page);
  });

  test("a DCP identity with no Accord user is refused", async ({ page }) => {
    await startSignIn(page, DCP_BUTTON);
    await signInAtProvider(page, TEST_ACCOUNTS.stranger.login);
    await expectAccessDenied(page);
  });

  test("an identity whose e-mail the provider has not verified is refused", async ({ page }) => {
    // The address is a real DCP user's (Janet Okafor), but email_verified is false.
    await startSignIn(page, DCP_BUTTON);
    await signInAtProvider(page, TEST_ACCOUNTS.unverified.login);
    await expectAccessDenied(page);
  });

  test("a second sign-in uses the existing link to the provider's subject", async ({ page, shell, browser, baseURL }) => {
    // First sign-in (links Priya's subject to her user unless an earlier test did already).
    await startSignIn(page, DCP_BUTTON);
    await signInAtProvider(page, TEST_ACCOUNTS.priya.login);
    await expect(page).toHaveURL(/\/spaces$/);
    await shell.expectSignedInAs(PEOPLE.priya);
    await shell.signOut();
    await expectSignedOut(page);

    // Again in the same browser: the provider still has her session (single sign-on), so no
    // login page; Accord opens a new session for the same user.
    await startSignIn(page, DCP_BUTTON);
    await expect(page).toHaveURL(/\/spaces$/);
    await shell.expectSignedInAs(PEOPLE.priya);

    // In another browser, the provider now asserts Priya's subject with a changed, unverified
    // e-mail. Matching by e-mail would refuse that (see the test above); the link by subject
    // lets her in as herself.
    const other = await browser.newContext({ baseURL });
    try {
      const otherPage = await other.newPage();
      await startSignIn(otherPage, DCP_BUTTON);
      await signInAtProvider(otherPage, TEST_ACCOUNTS.priyaRenamed.login);
      await expect(otherPage).toHaveURL(/\/spaces$/);
      await expect(otherPage.getByTestId("who")).toContainText(PEOPLE.priya.name);
      await expect(otherPage.getByTestId("who")).toContainText(PEOPLE.priya.agencyName);
    } finally {
      await other.close();
    }
  });

  test("an ID token from an issuer other than the configured one is refused (issuer mix-up)", async ({ page, shell, request }) => {
    // Accord's "dcp-oidc-mixup" entry is configured with the issuer http://localhost:4011/mixup.
    // The metadata published there claims that issuer but names the endpoints of DCP's real
    // provider (http://localhost:4011): the mix-up an attacker who controls, or a mistake in, an
    // agency's published metadata produces. The person signs in at the real provider, which issues
    // a perfectly valid code and ID token, but signed as http://localhost:4011, not the issuer
    // Accord was configured to trust for this entry. For this entry the provider also leaves out
    // the RFC 9207 `iss` authorization response parameter (as providers without RFC 9207 do), so
    // the check that must refuse the sign-in is the ID token's `iss` claim itself. Tom is a DCP
    // user the genuine provider signs in (checked below): the issuer is the only thing wrong.
    const metadata = (await (await request.get(`${ISSUER}${MIXUP_PATH}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(`${ISSUER}${MIXUP_PATH}`);
    expect(metadata.authorization_endpoint).toBe(`${ISSUER}/auth`);
    expect(metadata.token_endpoint).toBe(`${ISSUER}/token`);

    await startSignIn(page, MIXUP_BUTTON);
    await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`)); // DCP's real provider
    await signInAtProvider(page, TEST_ACCOUNTS.tom.login);

    // Auth.js (oauth4webapi) rejects the ID token before Accord's signIn callback ever sees it;
    // Auth.js reports that as a configuration error, not as a refused person.
    await expect(page).toHaveURL(/\/signin\?error=Configuration$/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("not configured correctly");
    await expectSignedOut(page);

    // The same person through the genuine issuer is signed in.
    await startSignIn(page, DCP_BUTTON);
    await expect(page).toHaveURL(/\/spaces$/); // the provider's session from above: no login page
    await shell.expectSignedInAs(PEOPLE.tom);
  });
});
