/** Uploaded names made safe to keep and show. */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors";
import { sanitizeFileName } from "./file-name";

describe("sanitizeFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd.txt", "passwd.txt"],
    ["C:\\Users\\priya\\Desktop\\notes.txt", "notes.txt"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["tab\tand\nnewline.txt", "tab and newline.txt"],
    [".hidden.txt", "hidden.txt"],
    ["trailing.pdf. . ", "trailing.pdf"],
    ["zero\u200Bwidth\uFEFF.csv", "zerowidth.csv"],
    ["Cafe\u0301 minutes.docx", "Café minutes.docx"],
  ])("keeps %j as %j", (raw, kept) => {
    expect(sanitizeFileName(raw)).toBe(kept);
  });

  it("shortens a long name to 200 characters, keeping its extension", () => {
    const kept = sanitizeFileName(`${"a".repeat(300)}.pdf`);
    expect(kept).toHaveLength(200);
    expect(kept.endsWith("a.pdf")).toBe(true);
  });

  it.each(["", "   ", "../", "\u202E", "..."])("refuses the empty-once-cleaned name %j", (raw) => {
    expect(() => sanitizeFileName(raw)).toThrow(InvalidInputError);
  });
});
