import { expect, type Locator, type Page } from "@playwright/test";
import { expectHydrated } from "../support/hydration";

/** The Files section of a space page (SpaceFiles): the files listed, and the upload form. */
export class SpaceFilesSection {
  readonly section: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly uploadForm: Locator;
  readonly fileInput: Locator;
  readonly markingSelect: Locator;
  readonly uploadButton: Locator;
  readonly progress: Locator;
  /** The error shown by the file field. */
  readonly fileError: Locator;
  /** "Uploaded “…”." (or the quarantine notice) once an upload has finished. */
  readonly outcome: Locator;
  /** The live region that announces progress and results. */
  readonly status: Locator;
  /** The live region above the list that confirms a deletion. */
  readonly listStatus: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole("main").getByRole("region", { name: "Files" });
    this.rows = this.section.getByTestId("file-row");
    this.emptyState = this.section.getByText("There are no files here that you can open.");
    this.uploadForm = this.section.getByRole("form", { name: "Upload a file" });
    this.fileInput = this.uploadForm.getByLabel("File", { exact: true });
    this.markingSelect = this.uploadForm.getByLabel("Marking", { exact: true });
    this.uploadButton = this.uploadForm.getByRole("button", { name: "Upload file" });
    this.progress = this.uploadForm.getByRole("progressbar", { name: "Upload progress" });
    this.fileError = this.uploadForm.getByTestId("file-error");
    this.outcome = this.uploadForm.getByTestId("upload-outcome");
    this.status = this.uploadForm.getByRole("status");
    this.listStatus = this.section.getByTestId("files-status");
  }

  /** The row of a listed file, by its name. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("cell").filter({ hasText: name }) });
  }

  /** The download link of a listed file. */
  downloadLink(name: string): Locator {
    return this.row(name).getByRole("link", { name: `${name} (download)` });
  }

  /** The Delete button of a listed file (its accessible name ends with the file's name). */
  deleteButton(name: string): Locator {
    return this.row(name).getByRole("button", { name: `Delete ${name}`, exact: true });
  }

  /** The confirmation dialog for deleting a file (a modal: the rest of the page is inert). */
  deleteDialog(name: string): Locator {
    return this.page.getByRole("dialog", { name: `Delete “${name}”?` });
  }

  /** Chooses a file (given as bytes) and a marking, and submits the form. */
  async upload(file: { name: string; mimeType: string; buffer: Buffer }, marking?: string): Promise<void> {
    await expectHydrated(this.uploadButton);
    await this.fileInput.setInputFiles(file);
    if (marking) await this.markingSelect.selectOption(marking);
    await this.uploadButton.click();
  }

  /** Downloads a listed file through its link; returns the download. */
  async download(name: string) {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.downloadLink(name).click()]);
    await expect(download.failure()).resolves.toBeNull();
    return download;
  }
}
