/** Export file names: from the title, safe for any file system, never empty. */
import { describe, expect, it } from "vitest";
import { exportFilename, isExportFormat } from "./export-file";

describe("exportFilename", () => {
  it("uses the title", () => {
    expect(exportFilename("Strategy meeting minutes", "pdf")).toBe("Strategy meeting minutes.pdf");
    expect(exportFilename("Café: réunion 12/03", "docx")).toBe("Café réunion 12 03.docx");
  });

  it("drops path separators, reserved characters and controls, and leading or trailing dots", () => {
    expect(exportFilename("../../etc/passwd", "html")).toBe("etc passwd.html");
    // Unprintable characters vanish; separators and line breaks become spaces.
    expect(exportFilename('a<b>c:"d"|e?f*g\\h\u0000i\r\nj', "pdf")).toBe("a b c d e f g hi j.pdf");
    expect(exportFilename(" .hidden. ", "pdf")).toBe("hidden.pdf");
  });

  it("falls back to 'document' and caps the length", () => {
    expect(exportFilename("///", "docx")).toBe("document.docx");
    expect(exportFilename("x".repeat(500), "pdf")).toBe(`${"x".repeat(100)}.pdf`);
  });
});

describe("isExportFormat", () => {
  it("knows exactly docx, pdf and html", () => {
    expect(["docx", "pdf", "html", "exe", "DOCX", "", null, undefined, 1].map(isExportFormat)).toEqual([true, true, true, false, false, false, false, false, false]);
  });
});
