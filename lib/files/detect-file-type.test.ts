/** What an upload is, decided from its content and matched to its name; archives within limits. */
import { describe, expect, it } from "vitest";
import { ArchiveLimitError, FileContentMismatchError, FileTypeNotAllowedError } from "../errors";
import { detectFileType, extensionOf } from "./detect-file-type";
import { cfbFile, docxFile, IMAGES, ooxmlEntries, ooxmlFile, pdfFile, textFile, zipFile } from "./testing/file-fixtures";

const OOXML = "application/vnd.openxmlformats-officedocument";

describe("detectFileType", () => {
  it.each([
    ["report.pdf", pdfFile, "application/pdf"],
    ["statement.docx", docxFile, `${OOXML}.wordprocessingml.document`],
    ["minimal.docx", async () => ooxmlFile("docx"), `${OOXML}.wordprocessingml.document`],
    ["figures.xlsx", async () => ooxmlFile("xlsx"), `${OOXML}.spreadsheetml.sheet`],
    ["briefing.pptx", async () => ooxmlFile("pptx"), `${OOXML}.presentationml.presentation`],
    ["old.doc", async () => cfbFile(["WordDocument", "1Table", "\u0005SummaryInformation"]), "application/msword"],
    ["old.xls", async () => cfbFile(["Workbook"]), "application/vnd.ms-excel"],
    ["older.xls", async () => cfbFile(["Book"]), "application/vnd.ms-excel"],
    ["old.ppt", async () => cfbFile(["PowerPoint Document", "Current User"]), "application/vnd.ms-powerpoint"],
    ["scene.png", async () => IMAGES.png, "image/png"],
    ["photo.jpg", async () => IMAGES.jpg, "image/jpeg"],
    ["photo.JPEG", async () => IMAGES.jpg, "image/jpeg"],
    ["map.gif", async () => IMAGES.gif, "image/gif"],
    ["map.webp", async () => IMAGES.webp, "image/webp"],
    ["notes.txt", async () => textFile("Interview notes\r\n\tMonday: café, 14:00 – “confirmed”\n"), "text/plain; charset=utf-8"],
    ["bom.txt", async () => new Uint8Array([0xef, 0xbb, 0xbf, ...textFile("with a byte-order mark")]), "text/plain; charset=utf-8"],
    ["list.csv", async () => textFile("name,role\nPriya,owner\n"), "text/csv; charset=utf-8"],
  ])("accepts %s as %s", async (name, make, mediaType) => {
    const detected = await detectFileType(name, await make());
    expect(detected.mediaType).toBe(mediaType);
    expect(detected.extension).toBe(extensionOf(name));
  });

  it.each(["payload.exe", "page.html", "image.svg", "archive.zip", "macro.docm", "README", "trailing."])("refuses the extension of %j", async (name) => {
    const attempt = detectFileType(name, textFile("hello"));
    await expect(attempt).rejects.toBeInstanceOf(FileTypeNotAllowedError);
    await expect(attempt).rejects.toThrow(/not accepted\. Accord takes PDF/);
  });

  it.each([
    ["notes.pdf", () => textFile("just some text"), /"notes\.pdf" does not contain a PDF document \(it looks like plain text\)/],
    ["photo.png", () => IMAGES.jpg, /does not contain a PNG image \(its content is JPG\)/],
    ["scan.jpg", () => IMAGES.png, /does not contain a JPEG image \(its content is PNG\)/],
    ["report.docx", () => cfbFile(["WordDocument"]), /does not contain a Word document \(its content is CFB\)/],
    ["sheet.xlsx", () => ooxmlFile("docx"), /does not contain an Excel workbook \(its content is DOCX\)/],
    ["deck.pptx", () => zipFile([{ name: "hello.txt", data: textFile("hi") }]), /does not contain a PowerPoint presentation/],
    ["old.doc", () => cfbFile(["Workbook"]), /does not contain a Word 97-2003 document \(it holds Workbook\)/],
    ["old.xls", () => cfbFile(["WordDocument", "Workbook"]), /does not contain an Excel 97-2003 workbook \(it holds WordDocument and Workbook\)/],
    ["installer.doc", () => cfbFile(["\u0005SummaryInformation"]), /does not contain a Word 97-2003 document/],
    ["data.csv", () => IMAGES.gif, /does not contain a CSV file \(its content is GIF\)/],
    ["binary.txt", () => new Uint8Array([0x68, 0x69, 0x00, 0x68]), /contains NUL bytes/],
    ["latin1.txt", () => new Uint8Array([0x63, 0x61, 0x66, 0xe9]), /is not UTF-8 text/],
    ["escape.txt", () => textFile("colour \u001b[31mred"), /contains control characters/],
  ])("refuses %s whose content is something else", async (name, make, message) => {
    const attempt = detectFileType(name, make());
    await expect(attempt).rejects.toBeInstanceOf(FileContentMismatchError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("refuses a PDF cut short (no end-of-file marker)", async () => {
    const pdf = await pdfFile();
    await expect(detectFileType("cut.pdf", pdf.subarray(0, pdf.length - 40))).rejects.toThrow(/incomplete/);
  });

  it.each([
    ["a macro-enabled document named .docx", ooxmlEntries("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"), /its content is DOCM/],
    ["a template named .xlsx", ooxmlEntries("xlsx", `${OOXML}.spreadsheetml.template.main+xml`), /its content is XLTX/],
    ["a package with a VBA project", [...ooxmlEntries("xlsx"), { name: "xl/vbaProject.bin", data: textFile("VBA") }], /contains macros/],
    [
      "a package that declares no main part (only its folder names say Word)",
      [{ ...ooxmlEntries("docx")[0]!, data: textFile('<Types><Default Extension="xml" ContentType="application/xml"/></Types>') }, ...ooxmlEntries("docx").slice(1)],
      /its content is ZIP/,
    ],
    [
      "a package that declares two main parts",
      [
        {
          ...ooxmlEntries("docx")[0]!,
          data: textFile(
            `<Types><Override PartName="/word/document.xml" ContentType="${OOXML}.wordprocessingml.document.main+xml"/>` +
              `<Override PartName="/xl/workbook.xml" ContentType='${OOXML}.spreadsheetml.sheet.main+xml'/></Types>`,
          ),
        },
        ...ooxmlEntries("docx").slice(1),
      ],
      /does not declare one main part/,
    ],
  ])("refuses %s", async (_what, entries, message) => {
    const name = entries.some((e) => e.name.startsWith("xl/")) ? "book.xlsx" : "letter.docx";
    const attempt = detectFileType(name, zipFile(entries));
    await expect(attempt).rejects.toBeInstanceOf(FileContentMismatchError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("refuses legacy Office files with macros", async () => {
    await expect(detectFileType("macro.doc", cfbFile(["WordDocument"], ["Macros"]))).rejects.toThrow(/contains macros/);
    await expect(detectFileType("macro.xls", cfbFile(["Workbook"], ["_VBA_PROJECT_CUR"]))).rejects.toThrow(/contains macros/);
  });

  it("refuses a damaged compound file rather than reading past it", async () => {
    const file = cfbFile(["WordDocument"]);
    const loop = Buffer.from(file);
    loop.writeUInt32LE(1, 512 + 4); // the directory sector's FAT entry points at itself
    await expect(detectFileType("loop.doc", loop)).rejects.toThrow(/structure is damaged/);
    await expect(detectFileType("short.doc", file.subarray(0, 700))).rejects.toThrow(/structure is damaged/);
  });
});

describe("archive limits", () => {
  it("refuses a zip bomb: a small file that would unpack past the limit", async () => {
    const bomb = zipFile([...ooxmlEntries("docx"), { name: "word/media/zeros.bin", data: new Uint8Array(64 * 1024 * 1024) }]);
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const attempt = detectFileType("bomb.docx", bomb, { maxEntries: 100, maxTotalUncompressedBytes: 16 * 1024 * 1024 });
    await expect(attempt).rejects.toBeInstanceOf(ArchiveLimitError);
    await expect(attempt).rejects.toThrow(/would unpack to more than 16 MB \(a "zip bomb"\)/);
  });

  it("refuses a bomb whose headers understate what it unpacks to", async () => {
    const liar = zipFile([...ooxmlEntries("docx"), { name: "word/media/zeros.bin", data: new Uint8Array(8 * 1024 * 1024), declaredSize: 1000 }]);
    await expect(detectFileType("liar.docx", liar)).rejects.toThrow(/unpacks to more than its header declares/);
  });

  it("refuses an archive with too many entries", async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: textFile("<x/>") }));
    const attempt = detectFileType("many.xlsx", zipFile([...ooxmlEntries("xlsx"), ...many]), { maxEntries: 100, maxTotalUncompressedBytes: 1 << 30 });
    await expect(attempt).rejects.toThrow(/holds 153 entries, more than the 100 allowed/);
  });

  it.each([
    ["../../evil.sh", /escape its folder/],
    ["/etc/cron.d/evil", /escape its folder/],
    ["word\\..\\evil", /escape its folder/],
  ])("refuses an entry named %j", async (entryName, message) => {
    await expect(detectFileType("x.docx", zipFile([...ooxmlEntries("docx"), { name: entryName, data: textFile("x") }]))).rejects.toThrow(message);
  });

  it("refuses duplicate entry names and damaged entries", async () => {
    const entries = ooxmlEntries("docx");
    await expect(detectFileType("dup.docx", zipFile([...entries, entries[2]!]))).rejects.toThrow(/two entries have the same name/);
    const damaged = Buffer.from(ooxmlFile("docx"));
    // Flip a byte inside the main part's compressed data (just after its local header's name): it
    // no longer inflates, or its CRC no longer matches.
    const at = damaged.indexOf("word/document.xml") + "word/document.xml".length + 2;
    damaged[at] = damaged[at]! ^ 0xff;
    await expect(detectFileType("damaged.docx", damaged)).rejects.toBeInstanceOf(ArchiveLimitError);
  });

  it("accepts a real Word document within the default limits", async () => {
    await expect(detectFileType("ok.docx", await docxFile())).resolves.toMatchObject({ extension: "docx" });
  });
});
