/**
 * Shared pieces of the end-to-end suite: the demo people the specs act as (domain.md §8, written
 * out here so that a wrong seed fails the tests rather than silently changing them), page objects as
 * fixtures, and `openSession`, which signs a person in within their own browser context so that a
 * spec can have several people at work at once.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage } from "./pages/sign-in-page";
import { AppShell } from "./pages/app-shell";
import { SpacesPage } from "./pages/spaces-page";
import { AdminUsersPage } from "./pages/admin-users-page";

export { DEMO_PASSWORD };

export type Person = { email: string; name: string; agencyName: string };

const DCP = "Devon & Cornwall Police";
export const PEOPLE = {
  priya: { email: "priya.shah@dcp.example", name: "DS Priya Shah", agencyName: DCP },
  tom: { email: "tom.hughes@dcp.example", name: "PC Tom Hughes", agencyName: DCP },
  mark: { email: "mark.ellis@dcp.example", name: "PC Mark Ellis", agencyName: DCP },
  janet: { email: "janet.okafor@dcp.example", name: "Janet Okafor", agencyName: DCP },
  sam: { email: "sam.patel@dcp.example", name: "Sam Patel", agencyName: DCP },
  alex: { email: "alex.morgan@dor.example", name: "DC Alex Morgan", agencyName: "Dorset Police" },
  helen: { email: "helen.carter@cc.example", name: "Helen Carter", agencyName: "Cornwall Council" },
  ben: { email: "ben.lowe@cc.example", name: "Ben Lowe", agencyName: "Cornwall Council" },
  aisha: { email: "aisha.rahman@rcht.example", name: "Dr Aisha Rahman", agencyName: "Royal Cornwall Hospitals NHS Trust" },
} as const satisfies Record<string, Person>;

export const SPACES = {
  kestrel: "Operation Kestrel",
  mash: "Cornwall MASH: referral 2026-0412",
  training: "DCP Training",
} as const;

/** The name of the session cookie on http://localhost (lib/auth/cookies.ts). */
export const SESSION_COOKIE = "accord.session";

/** One person signed in within their own browser context, with page objects on its page. */
export type Session = {
  person: Person;
  context: BrowserContext;
  page: Page;
  signInPage: SignInPage;
  shell: AppShell;
  spaces: SpacesPage;
  admin: AdminUsersPage;
};

type Fixtures = {
  signInPage: SignInPage;
  shell: AppShell;
  spacesPage: SpacesPage;
  adminUsersPage: AdminUsersPage;
  /** Signs the test's own page in as this person and waits for /spaces. */
  signInAs: (person: Person) => Promise<void>;
  /** Signs this person in within a new browser context (closed after the test). */
  openSession: (person: Person) => Promise<Session>;
};

// The fixture callback is named `provide`, not Playwright's usual `use`, so that the React hooks
// lint rule does not take it for React's use().
export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  shell: async ({ page }, provide) => provide(new AppShell(page)),
  spacesPage: async ({ page }, provide) => provide(new SpacesPage(page)),
  adminUsersPage: async ({ page }, provide) => provide(new AdminUsersPage(page)),
  signInAs: async ({ signInPage }, provide) => {
    await provide((person) => signInPage.signInAndWait(person.email));
  },
  openSession: async ({ browser }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (person) => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
      contexts.push(context);
      const page = await context.newPage();
      const session: Session = {
        person,
        context,
        page,
        signInPage: new SignInPage(page),
        shell: new AppShell(page),
        spaces: new SpacesPage(page),
        admin: new AdminUsersPage(page),
      };
      await session.signInPage.signInAndWait(person.email);
      await session.shell.expectSignedInAs(person);
      return session;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
