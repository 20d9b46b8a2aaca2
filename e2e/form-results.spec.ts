/**
 * The results of a form (issue 7, "Results"): Tom submits an MG11 in Kestrel and starts another
 * with the same witness (through the API: e2e/forms.spec.ts fills one through the page); Priya
 * opens the MG11's results from the form page, filters by status and by the witness's name with
 * the page's plain GET form, sees Tom's submission (and not his draft), opens it and finds its
 * kept version, and exports the CSV, which holds the header and exactly that row; Mark, whose
 * vetting has lapsed, filters for the same and is told no submission matches, and opening it is
 * a 404. The witness's name is unique to the run, so other specs' submissions do not count here.
 */
import { test, expect, PEOPLE } from "./fixtures";
import { FormResultsPage } from "./pages/form-results-page";
import { adultWitness } from "../lib/forms/national/testing/samples";

test("Priya filters the MG11 results by status, sees Tom's submission and exports it as CSV; Mark sees that none match", async ({ openSession, scenario }) => {
  test.setTimeout(90_000);
  const [tom, priya, mark] = await Promise.all([openSession(PEOPLE.tom), openSession(PEOPLE.priya), openSession(PEOPLE.mark)]);
  const witness = `Results Witness ${Date.now().toString(36)}`;
  // Changes made with the session cookie must come from Accord's own pages (the routes check Origin).
  const headers = { origin: new URL(tom.page.url()).origin };

  // Tom submits an MG11 in Kestrel, and leaves a second one with the same witness as a draft.
  const forms = (await (await tom.context.request.get("/api/v1/forms")).json()) as { items: { id: string; key: string }[] };
  const formId = forms.items.find((f) => f.key === "mg11")!.id;
  const started = await tom.context.request.post(`/api/v1/forms/${formId}/submissions`, { data: { spaceId: scenario.spaces.kestrel.id, answers: { ...adultWitness(), witnessName: witness } }, headers });
  expect(started.status(), "Tom starts an MG11").toBe(200);
  const { id: submissionId, version } = (await started.json()) as { id: string; version: number };
  const submitted = await tom.context.request.post(`/api/v1/submissions/${submissionId}/submit`, { data: { expectedVersion: version }, headers });
  expect(submitted.status(), "Tom submits it").toBe(200);
  const draft = await tom.context.request.post(`/api/v1/forms/${formId}/submissions`, { data: { spaceId: scenario.spaces.kestrel.id, answers: { witnessName: witness } }, headers });
  expect(draft.status(), "Tom starts a second, left a draft").toBe(200);
  const draftId = ((await draft.json()) as { id: string }).id;

  // Priya opens the results from the form's page and filters them, without needing any script.
  await priya.page.goto(`/forms/${formId}`);
  await priya.page.getByRole("link", { name: "Results", exact: true }).click();
  await expect(priya.page).toHaveURL(new RegExp(`/forms/${formId}/results$`));
  const results = new FormResultsPage(priya.page);
  await results.status.selectOption("submitted");
  await results.answersContain.fill(witness);
  await results.applyButton.click();
  await expect(priya.page).toHaveURL(/[?&]status=submitted(&|$)/);
  await expect(results.status).toHaveValue("submitted");
  await expect(results.answersContain).toHaveValue(witness);
  await expect(results.count).toHaveText("1 submission matches the filters.");
  const row = results.rowsWith(witness);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("PC Tom Hughes");
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText("Operation Kestrel");
  await expect(row).toContainText("OFFICIAL-SENSITIVE");
  // Each row is headed by its link to the submission; the draft is not among them.
  await expect(row.getByRole("rowheader").getByRole("link")).toHaveAttribute("href", `/submissions/${submissionId}`);
  await expect(results.table.locator(`a[href="/submissions/${draftId}"]`)).toHaveCount(0);
  // The page carries the highest marking it shows.
  await expect(priya.page.getByRole("note", { name: "Highest marking shown (top)" })).toHaveText("OFFICIAL-SENSITIVE");

  // The export is what the table shows: the header and Tom's one row.
  const { filename, text } = await results.exportCsv();
  expect(filename).toBe("mg11-results.csv");
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n$/, "").split("\r\n");
  expect(lines[0]).toMatch(/^"ID","Status","Owner","Submitted at","Marking","URN","Statement of",/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^"${submissionId}","submitted","PC Tom Hughes","[^"]+","OFFICIAL-SENSITIVE",`));
  expect(lines[1]).toContain(`"${witness}"`);

  // The submission keeps the version Tom submitted; its answers open by label.
  await row.getByRole("rowheader").getByRole("link").click();
  await expect(priya.page).toHaveURL(new RegExp(`/submissions/${submissionId}$`));
  const versions = priya.page.getByRole("region", { name: "Versions" });
  await expect(versions.getByTestId("submission-version")).toHaveCount(1);
  await versions.getByText("Version 1").click();
  await expect(versions.getByRole("definition").filter({ hasText: witness })).toBeVisible();

  // Mark (vetting lapsed) filters for the same and is told nothing matches; the submission is not his to open.
  const marks = new FormResultsPage(mark.page);
  await marks.goto(formId, `?status=submitted&q=${encodeURIComponent(witness)}`);
  await expect(marks.empty).toContainText("No submissions match");
  await expect(marks.table).toHaveCount(0);
  await expect(marks.exportLink).toHaveCount(0);
  await marks.goto(formId);
  await expect(mark.page.getByRole("main")).not.toContainText(witness);
  const opened = await mark.page.goto(`/submissions/${submissionId}`);
  expect(opened?.status()).toBe(404);
  await mark.notFound.expectShown();

  // A bad filter is named, beside its control, and lists nothing.
  await results.goto(formId, "?submittedFrom=2026-02-30");
  await expect(results.problem).toContainText('"Submitted from" is not a real date');
  await expect(results.submittedFrom).toHaveAttribute("aria-invalid", "true");
  await expect(results.table).toHaveCount(0);
});
