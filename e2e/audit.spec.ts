/**
 * Issue 10's audit trail in the browser: a person whose agency asks for a justification (the
 * health trust, from OFFICIAL-SENSITIVE) is asked why before the MASH minutes open, and again
 * before a copy leaves; an agency administrator browses DCP's trail, filtered, sees the chain is
 * intact, and exports what matches as CSV.
 */
import { readFile } from "node:fs/promises";
import { test, expect, PEOPLE, DOCUMENTS, expectHydrated } from "./fixtures";

test("Aisha is asked why before the MASH minutes open, and again before she takes a copy", async ({ openSession, scenario }) => {
  const aisha = await openSession(PEOPLE.aisha);
  const { id } = scenario.documents.strategyMinutes;
  await aisha.page.goto(`/documents/${id}`);
  const prompt = aisha.page.getByRole("heading", { level: 1, name: "Why do you need to open this?" });
  await expect(prompt).toBeVisible();
  // Nothing of the content before the reason: the marking, never the title.
  await expect(aisha.page.getByText(DOCUMENTS.strategyMinutes.marking, { exact: false }).first()).toBeVisible();
  await expect(aisha.page.getByRole("heading", { name: DOCUMENTS.strategyMinutes.title })).toHaveCount(0);
  await expectHydrated(aisha.page.getByRole("button", { name: "Open the document" }));

  // Too short is refused with a reason, and the prompt stays.
  const reason = aisha.page.getByLabel("Justification");
  await reason.fill("x".repeat(9));
  await reason.evaluate((el: HTMLTextAreaElement) => el.removeAttribute("minlength"));
  await aisha.page.getByRole("button", { name: "Open the document" }).click();
  await expect(aisha.page.locator("#justification-error")).toContainText("at least 10 characters");

  await reason.fill("Strategy meeting on the referral this afternoon");
  await aisha.page.getByRole("button", { name: "Open the document" }).click();
  await expect(aisha.document.heading).toHaveText(DOCUMENTS.strategyMinutes.title);
  await expect(aisha.document.topMarking).toHaveText(DOCUMENTS.strategyMinutes.marking);

  // A copy asks again: the export is a small form with its own reason.
  const exports = aisha.page.getByTestId("document-exports");
  const pdf = exports.locator("details").filter({ has: aisha.page.getByText("PDF", { exact: true }) });
  await pdf.getByText("PDF", { exact: true }).click();
  await pdf.getByLabel("Why are you taking a copy?").fill("Copy for the child protection conference");
  const [download] = await Promise.all([aisha.page.waitForEvent("download"), pdf.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe(`${DOCUMENTS.strategyMinutes.title}.pdf`);

  // Without one, the API answers 428 and says what to send.
  const bare = await aisha.page.request.get(`/api/v1/documents/${id}/export?format=pdf`);
  expect(bare.status()).toBe(428);
  expect(await bare.json()).toMatchObject({ error: { code: "justification_required" } });
});

test("Sam browses DCP's audit trail, filtered to Priya's consultations, and exports them as CSV", async ({ openSession, scenario }) => {
  const priya = await openSession(PEOPLE.priya);
  await priya.page.goto(`/documents/${scenario.documents.investigationLog.id}`);
  await expect(priya.document.heading).toHaveText(DOCUMENTS.investigationLog.title);

  const sam = await openSession(PEOPLE.sam);
  await sam.page.goto("/admin/audit");
  await expect(sam.page.getByTestId("audit-chain-status")).toContainText("The chain is intact");
  await sam.page.getByLabel("Kind (s.62)").selectOption("consultation");
  await sam.page.getByLabel("Who (name or e-mail)").fill("Priya");
  await sam.page.getByRole("button", { name: "Filter" }).click();
  await expect(sam.page).toHaveURL(/kind=consultation/);
  const rows = sam.page.getByTestId("audit-event");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("DS Priya Shah");
    await expect(row).toContainText("Consultation");
  }
  await expect(rows.filter({ hasText: "Operation Kestrel" }).first()).toContainText("document.read");

  const [download] = await Promise.all([sam.page.waitForEvent("download"), sam.page.getByTestId("audit-exports").getByRole("link", { name: "CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-DCP-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^id,at,kind,action,/);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(",consultation,");
  expect(csv).toContain(scenario.documents.investigationLog.id);

  // Priya is no auditor: to her the page does not exist.
  const response = await priya.page.goto("/admin/audit");
  expect(response?.status()).toBe(404);
});
