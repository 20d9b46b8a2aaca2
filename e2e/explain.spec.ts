/**
 * "Explain access" (/admin/explain): an agency administrator asks whether one of the agency's
 * people can read one of its documents, and is told why, check by check. The verdict comes from
 * the same policy that decides the pages and the API, so it must agree with what the person gets.
 */
import { test, expect, PEOPLE, SPACES, DOCUMENTS, MISSING_ID } from "./fixtures";

const INVESTIGATION_LOG = `${SPACES.kestrel}: ${DOCUMENTS.investigationLog.title}`;

test("Sam learns that Mark cannot read the Investigation log because his vetting has expired", async ({ openSession, scenario }) => {
  const sam = await openSession(PEOPLE.sam);
  await sam.explain.goto();
  await sam.explain.explain(PEOPLE.mark.name, INVESTIGATION_LOG);

  await expect(sam.explain.verdict).toHaveText(`${PEOPLE.mark.name} cannot read “${DOCUMENTS.investigationLog.title}”`);
  // He is a member with standing; what fails is his vetting, expired on 30 June 2025.
  await expect(sam.explain.steps.filter({ hasText: "Member of the space" })).toContainText("(met)");
  const failed = sam.explain.failedSteps();
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("Vetting opens the marking");
  await expect(failed).toContainText("expired 2025-06-30");
  await expect(failed).toContainText(DOCUMENTS.investigationLog.marking);

  // The form is a GET, so the question is in the address and the choices stay selected.
  const url = new URL(sam.page.url());
  expect(url.pathname).toBe("/admin/explain");
  expect(url.searchParams.get("document")).toBe(scenario.documents.investigationLog.id);
  await expect(sam.explain.person.locator("option:checked")).toHaveText(PEOPLE.mark.name);
});

test("Sam learns that Priya can read the same document, every check met", async ({ openSession }) => {
  const sam = await openSession(PEOPLE.sam);
  await sam.explain.goto();
  await sam.explain.explain(PEOPLE.priya.name, INVESTIGATION_LOG);

  await expect(sam.explain.verdict).toHaveText(`${PEOPLE.priya.name} can read “${DOCUMENTS.investigationLog.title}”`);
  await expect(sam.explain.steps).not.toHaveCount(0);
  await expect(sam.explain.failedSteps()).toHaveCount(0);
  await expect(sam.explain.steps.filter({ hasText: "Vetting opens the marking" })).toContainText("(met)");
});

test("Sam is offered only his agency's people, and an unknown person is a 404", async ({ openSession, scenario }) => {
  const sam = await openSession(PEOPLE.sam);
  await sam.explain.goto();
  const people = await sam.explain.person.locator("option:not([disabled])").allTextContents();
  expect(people.sort()).toEqual([PEOPLE.janet.name, PEOPLE.mark.name, PEOPLE.tom.name, PEOPLE.priya.name, PEOPLE.sam.name].sort());

  const response = await sam.page.goto(`/admin/explain?user=${MISSING_ID}&document=${scenario.documents.investigationLog.id}`);
  expect(response?.status()).toBe(404);
  await sam.notFound.expectShown();
  await expect(sam.explain.verdict).toHaveCount(0);
});

test("people who are not administrators get \"not found\" at /admin/explain, question or not", async ({ openSession, scenario }) => {
  // The full question as Sam's form would send it: Mark's id (the form's option value) and the document's.
  const sam = await openSession(PEOPLE.sam);
  await sam.explain.goto();
  const markId = await sam.explain.person.locator("option", { hasText: PEOPLE.mark.name }).getAttribute("value");
  expect(markId).toMatch(/^[0-9a-f-]{36}$/);
  const question = `/admin/explain?user=${markId}&document=${scenario.documents.investigationLog.id}`;

  for (const person of [PEOPLE.priya, PEOPLE.mark, PEOPLE.alex, PEOPLE.helen]) {
    const session = await openSession(person);
    for (const url of ["/admin/explain", question]) {
      const response = await session.page.goto(url);
      expect(response?.status(), `${person.name} at ${url}`).toBe(404);
      await session.notFound.expectShown();
      await expect(session.explain.person).toHaveCount(0);
      await expect(session.explain.verdict).toHaveCount(0);
      await expect(session.page.locator("body")).not.toContainText(DOCUMENTS.investigationLog.title);
    }
  }
});
