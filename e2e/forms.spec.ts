/**
 * The MG11 story of issue 7: Tom fills an MG11 witness statement in Operation Kestrel, saves a
 * draft, comes back to it, and submits; Priya returns it with a comment; Tom corrects it and
 * submits again; Priya accepts it; its PDF carries the marking and the declaration on every
 * page. It adds one submission to Kestrel; nothing else in the suite counts them.
 */
import type { Page } from "@playwright/test";
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";
import { pdfFacts } from "../lib/documents/export-test-support";

/** Answers a yes/no question (a radio group named by the question, with Yes and No). */
async function yesNo(page: Page, question: string, answer: "Yes" | "No") {
  await page.getByRole("radiogroup", { name: question }).getByLabel(answer, { exact: true }).check();
}

test("Tom fills an MG11 in Kestrel, saves and resumes it, submits; Priya returns it; Tom corrects it; Priya accepts; the PDF carries the declaration and marking", async ({ openSession, scenario }) => {
  test.setTimeout(150_000);
  const { kestrel } = scenario.spaces;
  const [tom, priya] = await Promise.all([openSession(PEOPLE.tom), openSession(PEOPLE.priya)]);
  const witness = `Sarah Collins ${Date.now().toString(36)}`;

  // Tom starts an MG11 from the space's Forms section.
  await tom.space.goto(kestrel.id, kestrel.name);
  const forms = tom.page.getByRole("region", { name: "Forms" });
  await expectHydrated(forms.getByRole("button", { name: "Start" }));
  await forms.getByLabel("Form to fill in").selectOption({ label: "MG11 Witness statement" });
  await forms.getByRole("button", { name: "Start" }).click();
  await expect(tom.page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  const submissionUrl = tom.page.url();
  await expect(tom.page.getByRole("heading", { level: 1 })).toContainText("MG11");
  await expectHydrated(tom.page.getByRole("button", { name: "Save draft" }));

  // Page 1: the statement, then a draft saved.
  await tom.page.getByRole("textbox", { name: "URN", exact: true }).fill("50AB1234526");
  await tom.page.getByRole("textbox", { name: "Statement of", exact: true }).fill(witness);
  await yesNo(tom.page, "Is the witness over 18?", "Yes");
  await tom.page.getByRole("textbox", { name: "Occupation", exact: true }).fill("Pharmacist");
  await tom.page.getByRole("textbox", { name: "Statement", exact: true }).fill("At about 14:20 on Thursday 30 April 2026 I saw a man put four bottles of perfume into a rucksack and leave without paying.");
  await tom.page.getByRole("button", { name: "Save draft" }).click();
  await expect(tom.page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();

  // He comes back to it later: what he typed is there.
  await tom.page.goto(submissionUrl);
  await expect(tom.page.getByRole("textbox", { name: "Statement of", exact: true })).toHaveValue(witness);
  await tom.page.getByLabel("I confirm the declaration").check();
  await tom.page.getByRole("textbox", { name: "Date signed", exact: true }).fill("2026-05-02");

  // The reverse (not disclosed).
  await tom.page.getByRole("button", { name: "Next page" }).click();
  await tom.page.getByRole("textbox", { name: "Home address", exact: true }).fill("12 Lemon Street, Truro");
  await tom.page.getByRole("textbox", { name: "Postcode", exact: true }).fill("TR1 2LS");
  await tom.page.getByRole("textbox", { name: "Mobile telephone", exact: true }).fill("07700 900123");
  await tom.page.getByRole("radiogroup", { name: "Preferred means of contact" }).getByLabel("Mobile telephone").check();
  await yesNo(tom.page, "Does the witness have dates to avoid?", "No");
  await yesNo(tom.page, "Is the witness willing and likely to attend court?", "Yes");
  await yesNo(tom.page, "Does the witness need special measures as a vulnerable or intimidated witness?", "No");
  await yesNo(tom.page, "Is the witness a victim of the offence?", "No");
  await yesNo(tom.page, "Does the witness consent to their details being shared with other criminal justice agencies (witness care and the Witness Service) so that they can be supported?", "Yes");
  await tom.page.getByRole("radiogroup", { name: "Does the witness consent to the police having access to their medical records in relation to this matter?" }).getByLabel("Not applicable").check();
  await tom.page.getByRole("textbox", { name: "Officer taking the statement", exact: true }).fill("PC 4417 Tom Hughes");
  await tom.page.getByRole("textbox", { name: "Station", exact: true }).fill("Truro");
  await tom.page.getByRole("button", { name: "Submit" }).click();
  await expect(tom.page.getByRole("status").filter({ hasText: /submitted/i })).toBeVisible();

  // Priya returns it with a comment.
  await priya.page.goto(submissionUrl);
  await expectHydrated(priya.page.getByRole("button", { name: "Accept" }));
  await priya.page.getByLabel("Comment for the officer").fill("Add the time he left the shop.");
  await priya.page.getByRole("button", { name: "Return with comment" }).click();
  await expect(priya.page.getByRole("status").filter({ hasText: /returned/i })).toBeVisible();

  // Tom sees why, corrects the statement and submits again.
  await tom.page.goto(submissionUrl);
  await expect(tom.page.getByTestId("returned-comment")).toContainText("Add the time he left the shop.");
  await expectHydrated(tom.page.getByRole("button", { name: "Save draft" }));
  const statement = tom.page.getByRole("textbox", { name: "Statement", exact: true });
  await statement.fill(`${await statement.inputValue()} He left at about 14:22.`);
  await tom.page.getByRole("button", { name: "Next page" }).click();
  await tom.page.getByRole("button", { name: "Submit" }).click();
  await expect(tom.page.getByRole("status").filter({ hasText: /submitted/i })).toBeVisible();

  // Priya accepts it.
  await priya.page.goto(submissionUrl);
  await expectHydrated(priya.page.getByRole("button", { name: "Accept" }));
  await priya.page.getByRole("button", { name: "Accept" }).click();
  await expect(priya.page.getByRole("status").filter({ hasText: /accepted/i })).toBeVisible();

  // The PDF: an attachment, the marking and the declaration (with its page count) on every page.
  const id = submissionUrl.split("/").at(-1)!;
  const pdf = await priya.context.request.get(`/api/v1/submissions/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const { pages } = await pdfFacts(new Uint8Array(await pdf.body()));
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, page] of pages.entries()) {
    const text = page.texts.join(" ");
    expect(page.texts.filter((t) => t.includes("OFFICIAL-SENSITIVE")).length, `page ${i + 1} marking`).toBeGreaterThanOrEqual(2);
    expect(text, `page ${i + 1} declaration`).toContain(`consisting of ${pages.length} page`);
    expect(text, `page ${i + 1} number`).toContain(`Page ${i + 1} of ${pages.length}`);
  }
});
