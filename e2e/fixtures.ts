/**
 * Shared pieces of the end-to-end suite: the demo people the specs act as (domain.md §8, written
 * out here so that a wrong seed fails the tests rather than silently changing them), page objects as
 * fixtures, and `openSession`, which signs a person in within their own browser context so that a
 * spec can have several people at work at once.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage } from "./pages/sign-in-page";
import { AppShell } from "./pages/app-shell";
import { SpacesPage } from "./pages/spaces-page";
import { AdminUsersPage } from "./pages/admin-users-page";
import { SpacePage } from "./pages/space-page";
import { DocumentPage } from "./pages/document-page";
import { TokensPage } from "./pages/tokens-page";
import { ExplainPage } from "./pages/explain-page";
import { NotFoundPage } from "./pages/not-found-page";
export { expectHydrated } from "./support/hydration";

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

export type PersonKey = keyof typeof PEOPLE;
export type SpaceKey = keyof typeof SPACES;

/** The seeded documents (domain.md §8, plus DCP Training's one) and the space each is in. */
export const DOCUMENTS = {
  investigationLog: { title: "Investigation log", space: "kestrel", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  pressLines: { title: "Press lines", space: "kestrel", marking: "OFFICIAL" },
  strategyMinutes: { title: "Strategy meeting minutes", space: "mash", marking: "OFFICIAL-SENSITIVE PERSONAL DATA" },
  contactList: { title: "Agency contact list", space: "mash", marking: "OFFICIAL" },
  inductionGuide: { title: "Induction guide", space: "training", marking: "OFFICIAL" },
} as const satisfies Record<string, { title: string; space: SpaceKey; marking: string }>;
export type DocumentKey = keyof typeof DOCUMENTS;

/**
 * The ids the seed gave the spaces and documents (they are random per database), as Priya, who
 * sees everything of DCP, reads them through the API; plus her view of each document, so that a
 * spec can check afterwards that nothing it did changed a row.
 */
export type Scenario = {
  spaces: Record<SpaceKey, { id: string; name: string }>;
  documents: Record<DocumentKey, { id: string; title: string; spaceId: string; marking: string; updatedAt: string }>;
};

/** A UUID that names no row (version 4 syntax, so that only its absence makes it a 404). */
export const MISSING_ID = "00000000-0000-4000-8000-000000000000";

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
  space: SpacePage;
  document: DocumentPage;
  tokens: TokensPage;
  explain: ExplainPage;
  notFound: NotFoundPage;
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

type WorkerFixtures = {
  /** The seeded ids, read once per worker as Priya. */
  scenario: Scenario;
};

/** Opens a new browser context and signs the person in there (the caller closes the context). */
export async function signInNewContext(browser: Browser, baseURL: string | undefined, person: Person): Promise<Session> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const session: Session = {
    person,
    context,
    page,
    signInPage: new SignInPage(page),
    shell: new AppShell(page),
    spaces: new SpacesPage(page),
    admin: new AdminUsersPage(page),
    space: new SpacePage(page),
    document: new DocumentPage(page),
    tokens: new TokensPage(page),
    explain: new ExplainPage(page),
    notFound: new NotFoundPage(page),
  };
  try {
    await session.signInPage.signInAndWait(person.email);
    await session.shell.expectSignedInAs(person);
  } catch (err) {
    await context.close();
    throw err;
  }
  return session;
}

async function readScenario(browser: Browser, baseURL: string | undefined): Promise<Scenario> {
  const priya = await signInNewContext(browser, baseURL, PEOPLE.priya);
  try {
    const spacesResponse = await priya.context.request.get("/api/v1/spaces");
    expect(spacesResponse.status()).toBe(200);
    const { items: spaceItems } = (await spacesResponse.json()) as { items: { id: string; name: string }[] };
    const spaces = Object.fromEntries(
      Object.entries(SPACES).map(([key, name]) => {
        const found = spaceItems.filter((s) => s.name === name);
        expect(found, `Priya sees exactly one space named "${name}"`).toHaveLength(1);
        return [key, { id: found[0]!.id, name }];
      }),
    ) as Scenario["spaces"];

    const documentsResponse = await priya.context.request.get("/api/v1/documents?limit=100");
    expect(documentsResponse.status()).toBe(200);
    const { items: documentItems } = (await documentsResponse.json()) as {
      items: { id: string; title: string; spaceId: string; marking: string; updatedAt: string }[];
    };
    const documents = Object.fromEntries(
      Object.entries(DOCUMENTS).map(([key, doc]) => {
        const found = documentItems.filter((d) => d.title === doc.title);
        expect(found, `Priya sees exactly one document titled "${doc.title}"`).toHaveLength(1);
        const { id, title, spaceId, marking, updatedAt } = found[0]!;
        expect(spaceId, `"${doc.title}" is in ${SPACES[doc.space]}`).toBe(spaces[doc.space].id);
        expect(marking).toBe(doc.marking);
        return [key, { id, title, spaceId, marking, updatedAt }];
      }),
    ) as Scenario["documents"];
    return { spaces, documents };
  } finally {
    await priya.context.close();
  }
}

// The fixture callback is named `provide`, not Playwright's usual `use`, so that the React hooks
// lint rule does not take it for React's use().
export const test = base.extend<Fixtures, WorkerFixtures>({
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
      const session = await signInNewContext(browser, testInfo.project.use.baseURL, person);
      contexts.push(session.context);
      return session;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  scenario: [async ({ browser }, provide, workerInfo) => provide(await readScenario(browser, workerInfo.project.use.baseURL)), { scope: "worker" }],
});

export { expect };
