/**
 * Printing and exporting a document (domain.md §2: every export and print shows the marking at
 * top and bottom; security.md: files go out as attachments, `nosniff`, never cached). The print
 * view puts the document's marking above and below its content, on screen and on every printed
 * page; each export is a file to save; and what a person may not read is as missing to the
 * export route as to every other.
 */
import { test, expect, PEOPLE, DOCUMENTS, MISSING_ID } from "./fixtures";
import { zipEntries, wordText } from "../lib/documents/export-test-support";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const exportUrl = (documentId: string, format: string) => `/api/v1/documents/${documentId}/export?format=${format}`;

test("Priya opens the print view of Kestrel's investigation log and sees its marking at the top and the bottom", async ({ openSession, scenario }) => {
  const priya = await openSession(PEOPLE.priya);
  const { id } = scenario.documents.investigationLog;
  const response = await priya.page.goto(`/documents/${id}/print`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toContain("no-store");

  await expect(priya.document.heading).toHaveText(DOCUMENTS.investigationLog.title);
  await expect(priya.document.topMarking).toHaveText(DOCUMENTS.investigationLog.marking);
  await expect(priya.document.bottomMarking).toHaveText(DOCUMENTS.investigationLog.marking);
  const order = await priya.page.evaluate(() => {
    const top = document.querySelector('[aria-label="Document marking (top)"]');
    const bottom = document.querySelector('[aria-label="Document marking (bottom)"]');
    const title = document.querySelector("#doc-title");
    const content = document.querySelector('[data-testid="document-content"]');
    const follows = (a: Element | null, b: Element | null) => !!a && !!b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    return { topBeforeTitle: follows(top, title), bottomAfterContent: follows(content, bottom) };
  });
  expect(order).toEqual({ topBeforeTitle: true, bottomAfterContent: true });

  // On paper: the app's header and the deployment's banners go, the document's marking stays, in
  // the frame's header and footer groups, which the browser repeats on every printed page.
  await priya.page.emulateMedia({ media: "print" });
  await expect(priya.shell.nav).toBeHidden();
  await expect(priya.shell.topBanner).toBeHidden();
  await expect(priya.shell.bottomBanner).toBeHidden();
  await expect(priya.document.topMarking).toBeVisible();
  await expect(priya.document.bottomMarking).toBeVisible();
  const groups = await priya.page.evaluate(() => {
    const display = (selector: string) => {
      const element = document.querySelector(selector);
      return element ? getComputedStyle(element).display : null;
    };
    return { top: display(".print-frame > thead"), bottom: display(".print-frame > tfoot") };
  });
  expect(groups).toEqual({ top: "table-header-group", bottom: "table-footer-group" });
  expect(await priya.page.locator(".print-frame > thead").getByRole("note").textContent()).toBe(DOCUMENTS.investigationLog.marking);
  expect(await priya.page.locator(".print-frame > tfoot").getByRole("note").textContent()).toBe(DOCUMENTS.investigationLog.marking);
  await priya.page.emulateMedia({ media: "screen" });

  // The page's own download link saves a file named after the document.
  const [download] = await Promise.all([priya.page.waitForEvent("download"), priya.page.getByRole("link", { name: "Word" }).click()]);
  expect(download.suggestedFilename()).toBe(`${DOCUMENTS.investigationLog.title}.docx`);
});

test("Priya downloads the investigation log as .docx with her session: an attachment with the marking in its header and footer", async ({ openSession, scenario }) => {
  const priya = await openSession(PEOPLE.priya);
  const response = await priya.context.request.get(exportUrl(scenario.documents.investigationLog.id, "docx"));
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toBe(DOCX);
  expect(headers["content-disposition"]).toBe(`attachment; filename="Investigation log.docx"; filename*=UTF-8''Investigation%20log.docx`);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toContain("no-store");
  const parts = zipEntries(await response.body());
  expect(wordText(parts.get("word/header1.xml")!)).toBe(DOCUMENTS.investigationLog.marking);
  expect(wordText(parts.get("word/footer1.xml")!)).toContain(DOCUMENTS.investigationLog.marking);
  expect(wordText(parts.get("word/document.xml")!)).toContain(DOCUMENTS.investigationLog.title);

  // The other formats are attachments too.
  for (const [format, type] of [
    ["pdf", "application/pdf"],
    ["html", "text/html; charset=utf-8"],
  ] as const) {
    const file = await priya.context.request.get(exportUrl(scenario.documents.investigationLog.id, format));
    expect(file.status(), format).toBe(200);
    expect(file.headers()["content-type"]).toBe(type);
    expect(file.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="Investigation log\\.${format}";`));
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");
    expect(file.headers()["cache-control"]).toContain("no-store");
  }
  const pdf = await priya.context.request.get(exportUrl(scenario.documents.investigationLog.id, "pdf"));
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // An unknown format is a 400, whatever the document.
  for (const documentId of [scenario.documents.investigationLog.id, MISSING_ID]) {
    const bad = await priya.context.request.get(exportUrl(documentId, "exe"));
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "invalid_input", message: expect.any(String) } });
  }
});

test("Alex (Dorset Police) gets 404 for the export of MASH's strategy minutes, exactly as for a missing document", async ({ openSession, request, scenario }) => {
  const alex = await openSession(PEOPLE.alex);
  const missing = await alex.context.request.get(exportUrl(MISSING_ID, "docx"));
  expect(missing.status()).toBe(404);
  const reference = await missing.text();
  expect(JSON.parse(reference)).toEqual({ error: { code: "not_found", message: expect.any(String) } });

  for (const format of ["docx", "pdf", "html"]) {
    const response = await alex.context.request.get(exportUrl(scenario.documents.strategyMinutes.id, format));
    expect(response.status(), format).toBe(404);
    expect(response.headers()["content-disposition"]).toBeUndefined();
    const body = await response.text();
    expect(body).toBe(reference);
    expect(body).not.toContain(DOCUMENTS.strategyMinutes.title);
  }

  // Nor is its print view anything but the not-found page.
  const page = await alex.page.goto(`/documents/${scenario.documents.strategyMinutes.id}/print`);
  expect(page?.status()).toBe(404);
  await alex.notFound.expectShown();
  await expect(alex.page.locator("body")).not.toContainText(DOCUMENTS.strategyMinutes.title);

  // What he may read, he may export (under ISA-SW-001).
  const allowed = await alex.context.request.get(exportUrl(scenario.documents.investigationLog.id, "pdf"));
  expect(allowed.status()).toBe(200);

  // And without a session there is nothing at all.
  const anonymous = await request.get(exportUrl(scenario.documents.investigationLog.id, "docx"));
  expect(anonymous.status()).toBe(401);
});
