/**
 * Snippets are split into plain segments at ts_headline's private-use marks, so a page can show
 * matches as <mark> without ever rendering stored text as markup.
 */
import { describe, expect, it } from "vitest";
import { snippetSegments, SNIPPET_START as A, SNIPPET_STOP as Z } from "./snippet-segments";

describe("snippetSegments", () => {
  it("splits at the marks, matches flagged, text untouched (markup stays text)", () => {
    expect(snippetSegments(`the ${A}bridge${Z} at <b>night</b> by the ${A}bridge${Z}`)).toEqual([
      { text: "the ", isMatch: false },
      { text: "bridge", isMatch: true },
      { text: " at <b>night</b> by the ", isMatch: false },
      { text: "bridge", isMatch: true },
    ]);
  });

  it("merges adjacent matches, drops empty pieces, and reads plain text as one segment", () => {
    expect(snippetSegments(`${A}harbour${Z}${A}crossing${Z}`)).toEqual([{ text: "harbourcrossing", isMatch: true }]);
    expect(snippetSegments("no match here")).toEqual([{ text: "no match here", isMatch: false }]);
    expect(snippetSegments("")).toEqual([]);
  });

  it("an unclosed mark highlights to the end, a stray stop ends nothing", () => {
    expect(snippetSegments(`a ${A}b`)).toEqual([
      { text: "a ", isMatch: false },
      { text: "b", isMatch: true },
    ]);
    expect(snippetSegments(`a${Z}b`)).toEqual([{ text: "ab", isMatch: false }]);
  });
});
