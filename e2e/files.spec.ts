/**
 * Files in a space, in the browser: Priya uploads a PDF to Operation Kestrel and watches its
 * progress; Alex, the Dorset guest, sees it and downloads it as an attachment with the type
 * decided from its content; a ".pdf" that is really text is refused with the reason shown by the
 * file field, and nothing is listed for it; Priya deletes a file after a confirmation that Escape
 * cancels, while Alex is offered no Delete. Assumes the space page renders <SpaceFiles> (its own
 * section headed "Files").
 */
import fs from "node:fs";
import { PDFDocument } from "pdf-lib";
import { test, expect, expectHydrated, PEOPLE, SPACES } from "./fixtures";
import { SpaceFilesSection } from "./pages/space-files-section";

/** A small real PDF, made here rather than checked in. */
async function smallPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 200]).drawText("Operation Kestrel: surveillance log", { x: 20, y: 100, size: 12 });
  return Buffer.from(await pdf.save());
}

test("Priya uploads a PDF to Operation Kestrel with its progress shown, and Alex downloads it", async ({ openSession, scenario }) => {
  const name = `Surveillance log ${Date.now()}.pdf`;
  const pdf = await smallPdf();

  const priya = await openSession(PEOPLE.priya);
  await priya.space.goto(scenario.spaces.kestrel.id, SPACES.kestrel);
  const priyaFiles = new SpaceFilesSection(priya.page);
  await expect(priyaFiles.section.getByRole("heading", { name: "Files", level: 2 })).toBeVisible();
  // Kestrel's default marking is preselected; she chooses it explicitly all the same.
  await expect(priyaFiles.markingSelect).toHaveValue("OFFICIAL-SENSITIVE");
  await priyaFiles.upload({ name, mimeType: "application/pdf", buffer: pdf }, "OFFICIAL-SENSITIVE");

  await expect(priyaFiles.progress).toBeVisible();
  await expect(priyaFiles.progress).toHaveJSProperty("value", 100);
  await expect(priyaFiles.outcome).toHaveText(`Uploaded “${name}”.`);
  await expect(priyaFiles.status).toHaveText(`Uploaded “${name}”.`);
  await expect(priyaFiles.row(name)).toContainText("OFFICIAL-SENSITIVE");
  await expect(priyaFiles.row(name)).toContainText("DS Priya Shah");

  const alex = await openSession(PEOPLE.alex);
  await alex.space.goto(scenario.spaces.kestrel.id, SPACES.kestrel);
  const alexFiles = new SpaceFilesSection(alex.page);
  await expect(alexFiles.row(name)).toHaveCount(1);
  const download = await alexFiles.download(name);
  expect(download.suggestedFilename()).toBe(name);
  expect(fs.readFileSync(await download.path()).equals(pdf)).toBe(true);

  // The same bytes through the API with Alex's session: an attachment of the detected type, never cached.
  const href = await alexFiles.downloadLink(name).getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}\/content$/);
  const response = await alex.context.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="Surveillance log \d+\.pdf"; filename\*=UTF-8''/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["cache-control"]).toBe("no-store");

  // Helen (MASH only) cannot reach it at all: exactly as for a file that does not exist.
  const helen = await openSession(PEOPLE.helen);
  const hidden = await helen.context.request.get(href!);
  const missing = await helen.context.request.get("/api/v1/files/00000000-0000-4000-8000-000000000000/content");
  expect(hidden.status()).toBe(404);
  expect(await hidden.text()).toBe(await missing.text());
});

test("a .pdf whose content is text is refused, with the reason shown by the file field", async ({ openSession, scenario }) => {
  const priya = await openSession(PEOPLE.priya);
  await priya.space.goto(scenario.spaces.kestrel.id, SPACES.kestrel);
  const files = new SpaceFilesSection(priya.page);
  const before = await files.rows.count();

  await files.upload({ name: "not-really.pdf", mimeType: "application/pdf", buffer: Buffer.from("These are just some notes, not a PDF.\n") });

  await expect(files.fileError).toHaveText('Error: "not-really.pdf" does not contain a PDF document (it looks like plain text), so it was not uploaded.');
  await expect(files.fileInput).toHaveAttribute("aria-invalid", "true");
  await expect(files.fileInput).toBeFocused();
  await expect(files.status).toContainText("The file was not uploaded");
  await expect(files.outcome).toHaveCount(0);
  await priya.page.reload();
  await expect(files.rows).toHaveCount(before);
  await expect(files.row("not-really.pdf")).toHaveCount(0);
});

test("Ben (BPSS) is offered only OFFICIAL in the MASH space", async ({ openSession, scenario }) => {
  const ben = await openSession(PEOPLE.ben);
  await ben.space.goto(scenario.spaces.mash.id, SPACES.mash);
  const files = new SpaceFilesSection(ben.page);
  await expect(files.markingSelect.locator("option")).toHaveText(["OFFICIAL", "OFFICIAL PERSONAL DATA"]);
});

test("Priya deletes a file after confirming (Escape cancels first); Alex is offered no Delete", async ({ openSession, scenario }) => {
  const name = `Superseded notes ${Date.now()}.txt`;
  const priya = await openSession(PEOPLE.priya);
  await priya.space.goto(scenario.spaces.kestrel.id, SPACES.kestrel);
  const files = new SpaceFilesSection(priya.page);
  await files.upload({ name, mimeType: "text/plain", buffer: Buffer.from("Notes superseded by the investigation log.\n") });
  await expect(files.outcome).toHaveText(`Uploaded “${name}”.`);
  await expect(files.row(name)).toHaveCount(1);
  const href = await files.downloadLink(name).getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}\/content$/);

  // Alex (the Dorset guest) sees the file but may not delete it: the policy gives him no button.
  const alex = await openSession(PEOPLE.alex);
  await alex.space.goto(scenario.spaces.kestrel.id, SPACES.kestrel);
  const alexFiles = new SpaceFilesSection(alex.page);
  await expect(alexFiles.row(name)).toHaveCount(1);
  await expect(alexFiles.row(name).getByRole("button", { name: /^Delete/ })).toHaveCount(0);

  // Escape cancels: focus was on Cancel, returns to the button, and the file stays.
  const button = files.deleteButton(name);
  await expectHydrated(button);
  await button.click();
  const dialog = files.deleteDialog(name);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await priya.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(files.row(name)).toHaveCount(1);

  // Confirmed: the row goes, the deletion is announced, and focus lands on the Files heading.
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete file" }).click();
  await expect(files.row(name)).toHaveCount(0);
  await expect(files.listStatus).toHaveText(`Deleted “${name}”.`);
  await expect(files.section.getByRole("heading", { name: "Files", level: 2 })).toBeFocused();
  await priya.page.reload();
  await expect(files.row(name)).toHaveCount(0);

  // Gone for everyone: its content answers exactly as a file that never existed.
  const gone = await alex.context.request.get(href!);
  const missing = await alex.context.request.get("/api/v1/files/00000000-0000-4000-8000-000000000000/content");
  expect(gone.status()).toBe(404);
  expect(await gone.text()).toBe(await missing.text());
});
