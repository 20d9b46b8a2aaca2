/**
 * The HTML export fetches nothing when opened: an image in the document is its description in
 * the file (as in the .docx and PDF), and the file's CSP allows no image, script or other fetch.
 */
import { describe, expect, it } from "vitest";
import { documentHtmlFile } from "./export-document-html";
import { documentContentFixture, TEST_STAMP } from "./export-test-support";

const SRC = "/api/v1/files/0b7c5a1e-3f2d-4c6b-9a8e-1d2c3b4a5f60/content";

describe("documentHtmlFile", () => {
  it("describes images instead of fetching them, and allows no fetch at all", () => {
    const file = documentHtmlFile(
      documentContentFixture({
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Scene at 21:40" }] },
          { type: "image", attrs: { src: SRC, alt: "Blue van outside the harbour office" } },
        ],
      }),
      TEST_STAMP,
    );
    expect(file).toContain("<p>Scene at 21:40</p><p><em>[Image: Blue van outside the harbour office]</em></p>");
    expect(file).not.toMatch(/<img|\/api\/v1\/files\//);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(file)?.[1];
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'");
  });
});
