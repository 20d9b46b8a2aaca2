/** Content-Disposition for downloads: always an attachment, and no title can inject into the header. */
import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

describe("attachmentDisposition", () => {
  it("names an ordinary file in both forms", () => {
    expect(attachmentDisposition("Investigation log.docx")).toBe(`attachment; filename="Investigation log.docx"; filename*=UTF-8''Investigation%20log.docx`);
  });

  it("keeps a non-ASCII name in filename* and gives an ASCII fallback", () => {
    expect(attachmentDisposition("Café – notes.pdf")).toBe(`attachment; filename="Cafe _ notes.pdf"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20notes.pdf`);
  });

  it("lets no quote, semicolon, line break or path separator through as itself", () => {
    const header = attachmentDisposition('a"; filename="evil.html\r\nSet-Cookie: x=1;/..\\x.pdf');
    expect(header.startsWith("attachment; ")).toBe(true);
    expect(header).not.toMatch(/[\r\n\\]/);
    const [, ascii, encoded] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header)!;
    expect(ascii).toMatch(/^[A-Za-z0-9 ._()-]+$/);
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(encoded!)).toBe('a"; filename="evil.html\r\nSet-Cookie: x=1;/..\\x.pdf');
  });

  it("survives a lone surrogate and an empty name", () => {
    expect(attachmentDisposition("a\ud800b.pdf")).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''ab.pdf`);
    expect(attachmentDisposition("")).toBe(`attachment; filename="download"; filename*=UTF-8''`);
  });
});
