/**
 * The printable rendition of a submission, checked on the pages as laid out (what each page was
 * given to draw, with positions) and on the file itself read back with pdf-lib (the text each
 * page's content stream really shows): the marking at top and bottom, "Page n of N" and the
 * declaration with N on every page; the disclosable copy without the reverse.
 */
import { describe, expect, it } from "vitest";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { pdfFacts } from "../documents/export-test-support";
import { MG11_DECLARATION, mg11WitnessStatement } from "./national";
import { DISCLOSABLE_COPY_NOTICE, formatFormDate, formatFormDateTime, NOT_DISCLOSABLE_HEADING, renderSubmissionPdf, submissionPdf, type SubmissionDrawOp } from "./render-submission-pdf";

const MARKING = "OFFICIAL-SENSITIVE PERSONAL DATA";

const sentence = "I was standing outside the shop on Fore Street when I saw a man in a dark jacket run towards the car park.";
const statement = (paragraphs: number) => Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}. ${sentence} ${sentence} ${sentence}`).join("\n\n");

const answers = (statementText: string) => ({
  urn: "50AB1234526",
  witnessName: "Jane Witness",
  isOver18: true,
  occupation: "Shop assistant",
  statementText,
  isDeclarationSigned: true,
  signedOn: "2026-05-01",
  homeAddress: "12 Quay Road, Truro",
  postcode: "TR1 2AB",
  mobilePhone: "07700 900123",
  preferredContact: "Mobile telephone",
  dateOfBirth: "1990-02-14",
  hasDatesToAvoid: true,
  datesToAvoid: [
    { from: "2026-07-01", to: "2026-07-14", note: "Holiday abroad" },
    { from: "2026-09-03", to: "2026-09-03" },
  ],
  isWillingToAttendCourt: true,
  needsSpecialMeasures: false,
  // Hidden (the witness is over 18 and needs none): must never be printed.
  witnessViewsOnMeasures: "HIDDEN-VIEWS-TEXT",
  isVictim: false,
  consentsToShareWithCjsAgencies: true,
  consentsToMedicalRecordsAccess: "Not applicable",
  statementTakenBy: "PC 1234 Tom Hughes",
  statementTakenAtStation: "Truro",
});

const render = (statementText: string, isDisclosableOnly = false) =>
  submissionPdf({ definition: mg11WitnessStatement, answers: answers(statementText), marking: MARKING, title: "MG11 Witness statement", reference: "SUB-2026-0001", isDisclosableOnly });

type TextOp = Extract<SubmissionDrawOp, { kind: "text" }>;
const textsOf = (ops: SubmissionDrawOp[]) => ops.filter((op): op is TextOp => op.kind === "text");

describe("renderSubmissionPdf", () => {
  it("marks every page of a long MG11 at top and bottom, numbers it and prints the declaration with the page count", async () => {
    const { body, pages } = await render(statement(40));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const facts = await pdfFacts(body);
    expect(facts.pages).toHaveLength(pages.length);
    const count = facts.pages.length;
    const declaration = MG11_DECLARATION.replace("[x]", String(count));
    facts.pages.forEach((page, index) => {
      expect(page.texts.filter((t) => t === MARKING)).toHaveLength(2);
      expect(page.texts).toContain(`Page ${index + 1} of ${count}`);
      expect(page.texts.join(" ")).toContain(declaration);
      expect(page.texts.join(" ")).not.toContain("[x]");
      expect(page.texts.some((t) => t.startsWith("Signature:") && t.includes("Date:"))).toBe(true);
    });
    expect(facts.pages[0]!.texts).toContain("MG11 Witness statement");
    expect(facts.pages[0]!.texts).toContain("Reference: SUB-2026-0001");
    const pdf = await PDFDocument.load(body);
    expect(pdf.getSubject()).toBe(MARKING);
  });

  it("puts the marking above and below everything else on each page, and the declaration below the content", async () => {
    const { pages } = await render(statement(40));
    const bold = await (await PDFDocument.create()).embedFont(StandardFonts.HelveticaBold);
    for (const page of pages) {
      const texts = textsOf(page.ops);
      const top = texts.filter((t) => t.role === "marking-top");
      const bottom = texts.filter((t) => t.role === "marking-bottom");
      expect(top.map((t) => t.text)).toEqual([MARKING]);
      expect(bottom.map((t) => t.text)).toEqual([MARKING]);
      // Centred: as much room to its left as to its right.
      const width = bold.widthOfTextAtSize(MARKING, top[0]!.size);
      expect(Math.abs(top[0]!.x - (595.28 - top[0]!.x - width))).toBeLessThan(0.5);
      expect(bottom[0]!.x).toBeCloseTo(top[0]!.x, 5);
      const others = texts.filter((t) => !["marking-top", "marking-bottom", "page-number"].includes(t.role));
      expect(top[0]!.y).toBeGreaterThan(Math.max(...others.map((t) => t.y + t.size)));
      expect(bottom[0]!.y + bottom[0]!.size).toBeLessThan(Math.min(...others.map((t) => t.y)));
      const content = texts.filter((t) => !["marking-top", "marking-bottom", "page-number", "declaration", "signature"].includes(t.role));
      const footer = texts.filter((t) => t.role === "declaration" || t.role === "signature");
      expect(Math.max(...footer.map((t) => t.y + t.size))).toBeLessThan(Math.min(...content.map((t) => t.y)));
    }
  });

  it("prints every word of the statement once, in order, and formats answers", async () => {
    const { body } = await render(statement(40));
    const all = (await pdfFacts(body)).pages.flatMap((p) => p.texts).join(" ");
    expect(all.match(/dark jacket/g)).toHaveLength(40 * 3);
    expect(all.indexOf("Paragraph 39.")).toBeLessThan(all.indexOf("Paragraph 40."));
    for (const expected of ["Statement of", "Jane Witness", "Is the witness over 18?", "Yes", "1 May 2026", "14 February 1990", "Dates 1", "Dates 2", "1 July 2026", "Holiday abroad", NOT_DISCLOSABLE_HEADING, "Home address", "12 Quay Road, Truro"]) {
      expect(all).toContain(expected);
    }
    // Unanswered as an em dash: WinAnsi 0x97, which pdfFacts reads back as latin1 U+0097.
    expect(all).toMatch(/Email address \u0097 /);
    // Hidden: the special-measures section (over 18, none needed), and the under-18 age.
    expect(all).not.toContain("HIDDEN-VIEWS-TEXT");
    expect(all).not.toContain("Vulnerability, intimidation and special measures");
    expect(all).not.toContain("Age of the witness");
    expect(all).not.toContain(DISCLOSABLE_COPY_NOTICE);
  });

  it("leaves the reverse out of the disclosable copy entirely, and says so on the first page", async () => {
    const { body, pages } = await render(statement(40), true);
    const facts = await pdfFacts(body);
    expect(facts.pages[0]!.texts).toContain(DISCLOSABLE_COPY_NOTICE);
    const all = facts.pages.flatMap((p) => p.texts).join(" ");
    expect(all).toContain("Jane Witness");
    expect(all).toContain("dark jacket");
    const reverse = mg11WitnessStatement.layout.pages[1]!;
    expect(all).not.toContain(reverse.title);
    for (const section of reverse.sections) {
      expect(all).not.toContain(section.title);
      for (const item of section.items) expect(all).not.toContain(item.label);
    }
    for (const answer of ["12 Quay Road", "TR1 2AB", "07700 900123", "Holiday abroad", "14 February 1990", "PC 1234 Tom Hughes", NOT_DISCLOSABLE_HEADING]) expect(all).not.toContain(answer);
    // Still marked, numbered and declared on every page.
    const declaration = MG11_DECLARATION.replace("[x]", String(pages.length));
    facts.pages.forEach((page, index) => {
      expect(page.texts.filter((t) => t === MARKING)).toHaveLength(2);
      expect(page.texts).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page.texts.join(" ")).toContain(declaration);
    });
  });

  it("renders a 10,000-word statement over many pages with the right count in every declaration", async () => {
    const words = Array.from({ length: 10_000 }, (_, i) => (i % 150 === 149 ? "word.\n" : "word")).join(" ");
    const { body, pages } = await render(words);
    expect(pages.length).toBeGreaterThan(10);
    const facts = await pdfFacts(body);
    const declaration = MG11_DECLARATION.replace("[x]", String(pages.length));
    for (const page of facts.pages) expect(page.texts.join(" ")).toContain(declaration);
    expect(facts.pages.flatMap((p) => p.texts).join(" ").match(/\bword\b/g)).toHaveLength(10_000);
  });

  it("does not fail on characters the font cannot encode: emoji, right-to-left text, CJK, controls", async () => {
    const odd = "Witness said 😀👍🏽 then \u202Eright-to-left\u202C مرحبا שלום 中文 tab\there \u0000 and a café.";
    const bytes = await renderSubmissionPdf({
      definition: mg11WitnessStatement,
      answers: { ...answers(odd), witnessName: "Zoë 🚓 O'Brien" },
      marking: MARKING,
      title: "MG11 🚓 statement",
      isDisclosableOnly: false,
    });
    const all = (await pdfFacts(bytes)).pages.flatMap((p) => p.texts).join(" ");
    expect(all).toContain("Witness said");
    expect(all).toContain("café");
    expect(all).toContain("Zoë ? O'Brien");
    expect(all).not.toMatch(/[\u0590-\u08ff\u4e00-\u9fff]/);
  });

  it("refuses to render without a marking", async () => {
    await expect(renderSubmissionPdf({ definition: mg11WitnessStatement, answers: answers("x"), marking: "  ", title: "MG11", isDisclosableOnly: false })).rejects.toThrow(/marking/);
  });

  it("formats dates as the UK writes them", () => {
    expect(formatFormDate("2026-05-01")).toBe("1 May 2026");
    expect(formatFormDate("2026-02-30")).toBe("2026-02-30");
    expect(formatFormDateTime("2026-05-01T10:30")).toBe("1 May 2026, 10:30");
    expect(formatFormDateTime("2026-07-01T09:15:00Z")).toBe("1 July 2026, 10:15");
  });
});
