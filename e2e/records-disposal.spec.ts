/**
 * Janet's disposal story, issue 8's acceptance: Janet, DCP's records manager, creates the label
 * "Crime file – Group 3 – 6 years after case closed" with a two-stage review (herself, then
 * Priya); places a CPIA hold on one Kestrel document (Press lines); makes the label Operation
 * Kestrel's default and applies it to everything the space holds; raises "Case closed" for
 * Kestrel on the day six years back. The sweep is asked to run at once, and every item she
 * labelled reaches her review queue, except the held one. She approves stage 1 for them all at
 * once; Priya, named at stage 2, approves their disposal. They are gone (404 to Priya, who owns the
 * space), certificates of disposal remain and are found by the label's reference, and the held
 * document survives, still retained.
 *
 * It disposes of Kestrel's content, so it runs last, in its own project after every spec that
 * reads or edits Kestrel (playwright.config.ts).
 */
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

const LABEL = "Crime file – Group 3 – 6 years after case closed";

/** "1 item", "3 items". */
const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

/** Today in the UK, and the same day six years back (28 February for a 29th). */
function daysOf(now = new Date()) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
  const [y, m, d] = today.split("-");
  const back = `${Number(y) - 6}-${m}-${m === "02" && d === "29" ? "28" : d}`;
  return { today, sixYearsBack: back };
}

test("Janet's Kestrel records are reviewed in two stages and disposed of, with certificates; the held document survives", async ({ openSession, scenario }) => {
  test.setTimeout(240_000);
  const janet = await openSession(PEOPLE.janet);
  const page = janet.page;
  const reference = `CF-G3-K-${Date.now().toString(36).toUpperCase()}`;
  const kestrelId = scenario.spaces.kestrel.id;
  const pressLines = scenario.documents.pressLines;
  const investigationLog = scenario.documents.investigationLog;

  // 1. The label, with two review stages.
  await page.goto("/records/labels/new");
  const referenceBox = page.getByRole("textbox", { name: "Reference", exact: true });
  await expectHydrated(referenceBox);
  await referenceBox.fill(reference);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(LABEL);
  await page.getByLabel("Category", { exact: true }).fill("Crime and case files");
  await page.getByRole("spinbutton", { name: "Years" }).fill("6");
  await page.getByLabel("The clock starts").selectOption({ label: "When an event happens (e.g. case closed)" });
  await page.getByLabel("Event type").selectOption({ label: "Case closed" });
  await page.getByLabel("What happens").selectOption({ label: "Start a disposal review" });
  await page.getByRole("textbox", { name: "Name of stage 1" }).fill("Records manager review");
  await page.getByLabel("Reviewer to add at stage 1").selectOption({ label: "Janet Okafor (Records Manager)" });
  await page.getByRole("button", { name: "Add reviewer to stage 1" }).click();
  await page.getByRole("button", { name: "Add a review stage" }).click();
  await page.getByRole("textbox", { name: "Name of stage 2" }).fill("Investigative review");
  await page.getByLabel("Reviewer to add at stage 2").selectOption({ label: "DS Priya Shah (Detective Sergeant)" });
  await page.getByRole("button", { name: "Add reviewer to stage 2" }).click();
  await page.getByRole("button", { name: "Add the label" }).click();
  await expect(page).toHaveURL(/\/records\/labels\?added=/);
  await expect(page.getByTestId(`label-${reference}`)).toContainText("Disposal review, 2 stages");

  // 2. A CPIA hold on one Kestrel document: its space is chosen first, then the document.
  await page.goto("/records/holds/new");
  await page.getByLabel("To hold single items rather than whole spaces, first choose their space").selectOption({ label: "Operation Kestrel" });
  await page.getByRole("button", { name: "Show its items" }).click();
  await expect(page.getByRole("group", { name: "Single items of Operation Kestrel" })).toBeVisible();
  const holdName = page.getByRole("textbox", { name: "Name", exact: true });
  await expectHydrated(holdName);
  await holdName.fill(`CPIA: Kestrel press lines ${reference}`);
  await page.getByLabel("Kind").selectOption({ label: "CPIA" });
  await page.getByRole("textbox", { name: "Reason" }).fill("Relevant material under CPIA 1996: retain until the prosecution concludes.");
  await page.getByRole("checkbox", { name: /^Document: Press lines/ }).check();
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page).toHaveURL(/\/records\/holds\/[0-9a-f-]{36}/);
  await expect(page.getByRole("table", { name: "What the hold covers" })).toContainText("Press lines");

  // 3. The label becomes Kestrel's default, applied to everything it holds.
  await page.goto("/records/spaces");
  const kestrel = page.getByTestId("records-space").filter({ has: page.getByRole("heading", { name: "Operation Kestrel" }) });
  const labelSelect = kestrel.getByLabel("Default label for new content");
  await expectHydrated(labelSelect);
  await labelSelect.selectOption({ label: `${reference} – ${LABEL}` });
  await kestrel.getByLabel("Apply to existing content that has no label").check();
  await kestrel.getByRole("button", { name: "Save default label" }).click();
  const saved = kestrel.getByRole("status");
  await expect(saved).toContainText("in all).");
  const labelled = Number(/\((\d+) in all\)/.exec((await saved.textContent()) ?? "")?.[1]);
  expect(labelled).toBeGreaterThanOrEqual(2);

  // 4. "Case closed" for Kestrel, six years back: every clock runs out today.
  const { sixYearsBack } = daysOf();
  await page.goto("/records/events");
  const eventType = page.getByLabel("Event type");
  await expectHydrated(eventType);
  await eventType.selectOption({ label: "Case closed" });
  await page.getByLabel("The day it happened").fill(sixYearsBack);
  await page.getByLabel("Space", { exact: true }).selectOption({ label: "Operation Kestrel" });
  await page.getByRole("button", { name: "Raise event" }).click();
  // Every item Janet just labelled, and any other Kestrel item whose label "Case closed" starts.
  const raised = page.getByTestId("event-raised");
  await expect(raised).toContainText("Case closed raised for Operation Kestrel: ");
  expect(Number(/: (\d+) items' clocks started/.exec((await raised.textContent()) ?? "")?.[1])).toBeGreaterThanOrEqual(labelled);

  // 5. The sweep runs: everything labelled reaches the queue but the held document.
  await page.goto("/records/review");
  const ours = page.getByRole("row").filter({ hasText: reference });
  await expect
    .poll(
      async () => {
        await page.reload();
        return ours.count();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(labelled - 1);
  await expect(page.getByRole("row").filter({ hasText: "Press lines" })).toHaveCount(0);
  await expect(ours.filter({ hasText: "Investigation log" })).toHaveCount(1);
  await expect(ours.first()).toContainText("Stage 1 of 2");

  // Stage 1, Janet: all of them at once.
  const bulk = page.getByRole("form", { name: "Decide the selected items" });
  await expectHydrated(bulk.getByRole("button", { name: /^Record the decision/ }));
  for (const box of await ours.getByRole("checkbox").all()) await box.check();
  await expect(bulk.getByTestId("bulk-selected")).toHaveText(`${labelled - 1} selected`);
  await bulk.getByLabel("Comment (kept with every item's decision)").fill("Case closed six years ago: no outstanding appeal; to the investigating supervisor");
  await bulk.getByRole("button", { name: `Record the decision on ${labelled - 1} selected` }).click();
  // Each item is decided in its own transaction (the last stage also disposes it): allow a slow machine its time.
  await expect(page.getByTestId("review-outcome")).toContainText(`${items(labelled - 1)} decided.`, { timeout: 30_000 });

  // Stage 2, Priya: named at it, she approves their disposal.
  const priya = await openSession(PEOPLE.priya);
  await priya.page.goto("/records/review");
  const hers = priya.page.getByRole("row").filter({ hasText: reference });
  await expect(hers).toHaveCount(labelled - 1);
  await expect(hers.first()).toContainText("Stage 2 of 2");
  await expect(hers.first()).toContainText("Stage 1: Janet Okafor, approve");
  const priyasBulk = priya.page.getByRole("form", { name: "Decide the selected items" });
  await expectHydrated(priyasBulk.getByRole("button", { name: /^Record the decision/ }));
  // Everything in her queue, then only this label's items (other labels' items may be waiting too).
  await priyasBulk.getByLabel("Select every item in the queue").check();
  const all = await priya.page.getByRole("row").filter({ has: priya.page.getByRole("checkbox") }).count();
  await expect(priyasBulk.getByTestId("bulk-selected")).toHaveText(`${all} selected`);
  for (const row of await priya.page.getByRole("row").filter({ has: priya.page.getByRole("checkbox") }).all()) {
    if (!((await row.textContent()) ?? "").includes(reference)) await row.getByRole("checkbox").uncheck();
  }
  await expect(priyasBulk.getByTestId("bulk-selected")).toHaveText(`${labelled - 1} selected`);
  await priyasBulk.getByLabel("Comment (kept with every item's decision)").fill("Nothing further needed by the investigation: dispose");
  await priyasBulk.getByRole("button", { name: `Record the decision on ${labelled - 1} selected` }).click();
  await expect(priya.page.getByTestId("review-outcome")).toContainText(`${items(labelled - 1)} decided, ${labelled - 1} disposed of with a certificate.`, { timeout: 30_000 });
  await expect(hers).toHaveCount(0);

  // Gone: the investigation log is 404 to Priya, who owns Kestrel; the held document is there.
  expect((await priya.context.request.get(`/api/v1/documents/${investigationLog.id}`)).status()).toBe(404);
  expect((await priya.context.request.get(`/api/v1/documents/${pressLines.id}`)).status()).toBe(200);
  await priya.page.goto(`/spaces/${kestrelId}`);
  await expect(priya.page.getByRole("link", { name: "Press lines" })).toBeVisible();
  await expect(priya.page.getByRole("link", { name: "Investigation log" })).toHaveCount(0);

  // Certificates remain, found by the label's reference; none for the held document.
  await page.goto(`/records/disposed?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole("row").filter({ hasText: reference })).toHaveCount(labelled - 1);
  const certificate = page.getByTestId(`certificate-${investigationLog.id}`);
  await expect(certificate).toContainText("Investigation log");
  await expect(certificate).toContainText("Records manager review: Janet Okafor");
  await expect(certificate).toContainText("Investigative review: DS Priya Shah");
  await expect(page.getByTestId(`certificate-${pressLines.id}`)).toHaveCount(0);

  // The held document is still retained under the label, its day come and gone.
  await page.goto(`/records/items?state=retained`);
  await expect(page.getByRole("row").filter({ hasText: "Press lines" }).filter({ hasText: reference })).toHaveCount(1);
});
