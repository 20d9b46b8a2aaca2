/**
 * Maintaining an agency's local pre-planned responses through the API, as a client sees it with a
 * personal access token: copying a template into the caller's agency
 * (POST /response-templates/{id}/copies), editing a local one (PATCH /response-templates/{id}) and
 * deleting one (DELETE), for every persona against a national template, one of DCP's and one of
 * DOR's, written out as a table (route × persona × template → status) from the policy: only an
 * agency's administrators and supervisors manage its templates; a national template is read-only
 * to everyone (403, since everyone sees it); another agency's local template is 404, exactly like
 * a missing one. Every refusal leaves every template row and the audit trail as they were. Then
 * the bad input of the issue (an empty title, a 10,000-character one, negative and absurd offsets,
 * unknown fields) is refused with clear messages naming each field, a stale edit with 409, and a
 * cookie-authenticated change from another site with 403, nothing changed in any of them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import type { ResponseTemplateView } from "@/lib/responses/get-response-template";
import type { ResponseTemplateContent } from "@/lib/responses/response-template";
import { SEED_RESPONSE_TEMPLATES } from "@/lib/responses/seed-response-templates";
import { insertLocalTemplate, nationalTemplate, templateAudits, templateLibrarySnapshot, templateRow } from "@/lib/responses/testing/template-fixtures";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const templateRoute = await import("@/app/api/v1/response-templates/[templateId]/route");
const copiesRoute = await import("@/app/api/v1/response-templates/[templateId]/copies/route");

let db: PolicyCtx["db"];
let s: SeededScenario;

const PEOPLE = {
  priya: "priya.shah@dcp.example", // DCP investigator and supervisor
  sam: "sam.patel@dcp.example", // DCP agency administrator
  tom: "tom.hughes@dcp.example", // DCP investigator
  janet: "janet.okafor@dcp.example", // DCP records manager
  alex: "alex.morgan@dor.example", // DOR investigator
  helen: "helen.carter@cc.example", // CC social worker
} as const;
type Person = keyof typeof PEOPLE;
const { ctxOf, bearer } = routeTestKit(stand, Object.values(PEOPLE), (opened) => {
  db = opened.db;
  s = opened.scenario;
});

type Source = "national" | "dcp" | "dor";
const MISSING_PERSON = SEED_RESPONSE_TEMPLATES.find((x) => x.key === "missing-person-high-risk")!;
const templateIds = {} as Record<Source, string>;

/** A local template of `agency`, stored directly (what a copy would have made). */
async function localTemplate(agency: "DCP" | "DOR", key: string, title = `${agency} local plan`): Promise<string> {
  const content: ResponseTemplateContent = { ...MISSING_PERSON, key, title };
  return (await insertLocalTemplate(db, s.agencyId(agency), content)).id;
}

beforeAll(async () => {
  templateIds.national = (await nationalTemplate(db, MISSING_PERSON.key)).id;
  templateIds.dcp = await localTemplate("DCP", "dcp-plan");
  templateIds.dor = await localTemplate("DOR", "dor-plan");
});

const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const json = (body: unknown, headers: Record<string, string>, method: string) => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[]; current?: ResponseTemplateView } }).error;

const copy = (who: Person | Record<string, string>, id: string, body: unknown = {}) =>
  copiesRoute.POST(request(`/response-templates/${id}/copies`, json(body, typeof who === "string" ? bearer(PEOPLE[who]) : who, "POST")), params({ templateId: id }));
const edit = (who: Person | Record<string, string>, id: string, body: unknown) =>
  templateRoute.PATCH(request(`/response-templates/${id}`, json(body, typeof who === "string" ? bearer(PEOPLE[who]) : who, "PATCH")), params({ templateId: id }));
const remove = (who: Person, id: string) => templateRoute.DELETE(request(`/response-templates/${id}`, { method: "DELETE", headers: bearer(PEOPLE[who]) }), params({ templateId: id }));

const snapshot = () => templateLibrarySnapshot(db);

/** Runs `call`; expects `status` and, unless it succeeded, every template and the audit trail unchanged. */
async function expectStatus(call: () => Promise<Response>, status: number, what: string): Promise<Response> {
  const before = await snapshot();
  const response = await call();
  expect(response.status, what).toBe(status);
  if (status !== 200) expect(await snapshot(), `${what}: nothing changed`).toEqual(before);
  return response;
}

// Why each cell is what it is (policies/rules/response-templates.ts): everyone reads national
// templates and their own agency's local ones; "create", "update" and "delete" are granted on
// their own agency's local templates to its administrators (Sam) and supervisors (Priya) only,
// and on national templates to no one. Visible but not allowed is 403; invisible is 404.
const COPY: Record<Person, Record<Source, number>> = {
  priya: { national: 200, dcp: 200, dor: 404 },
  sam: { national: 200, dcp: 200, dor: 404 },
  tom: { national: 403, dcp: 403, dor: 404 },
  janet: { national: 403, dcp: 403, dor: 404 },
  alex: { national: 403, dcp: 404, dor: 403 },
  helen: { national: 403, dcp: 404, dor: 404 },
};
const EDIT_OR_DELETE: Record<Person, Record<Source, number>> = {
  priya: { national: 403, dcp: 200, dor: 404 },
  sam: { national: 403, dcp: 200, dor: 404 },
  tom: { national: 403, dcp: 403, dor: 404 },
  janet: { national: 403, dcp: 403, dor: 404 },
  alex: { national: 403, dcp: 404, dor: 403 },
  helen: { national: 403, dcp: 404, dor: 404 },
};
const cells = (table: Record<Person, Record<Source, number>>) =>
  (Object.entries(table) as [Person, Record<Source, number>][]).flatMap(([person, row]) => (Object.entries(row) as [Source, number][]).map(([source, status]) => [person, source, status] as const));

describe("local template routes", () => {
  describe("route × persona × template", () => {
    it.each(cells(COPY))("POST copies: %s copying the %s template gets %i", async (person, source, status) => {
      const key = `copy-${person}-${source}`;
      const response = await expectStatus(() => copy(person, templateIds[source], { key }), status, `${person} copies ${source}`);
      if (status === 200) {
        const made = (await response.json()) as ResponseTemplateView;
        const agency = person === "alex" ? "DOR" : "DCP";
        expect(made).toMatchObject({ scope: "agency", agencyId: s.agencyId(agency), key, permissions: { canUpdate: true, canDelete: true } });
        expect(await templateAudits(db, "response_template.copy", made.id)).toHaveLength(1);
      }
      if (status === 404) expect(await errorOf(await copy(person, MISSING_ID, { key }))).toEqual(await errorOf(await copy(person, templateIds[source], { key })));
    });

    it.each(cells(EDIT_OR_DELETE))("PATCH: %s editing the %s template gets %i", async (person, source, status) => {
      const title = `Edited by ${person}`;
      const response = await expectStatus(() => edit(person, templateIds[source], { title }), status, `${person} edits ${source}`);
      if (status === 200) {
        expect(((await response.json()) as ResponseTemplateView).title).toBe(title);
        const row = await templateRow(db, templateIds[source]);
        expect([row!.title, row!.content.title]).toEqual([title, title]);
        const [audit] = await templateAudits(db, "response_template.update", row!.id, s.userId(PEOPLE[person]));
        expect(audit!.details).toMatchObject({ fields: ["title"], after: { title } });
      }
      if (status === 403 && source === "national") expect((await errorOf(await edit(person, templateIds.national, { title }))).message).toMatch(/National templates are read-only/);
      if (status === 404) expect(await errorOf(await edit(person, templateIds[source], { title }))).toEqual(await errorOf(await edit(person, MISSING_ID, { title })));
    });

    it.each(cells(EDIT_OR_DELETE))("DELETE: %s deleting a %s template gets %i", async (person, source, status) => {
      // Each allowed deletion takes a template of its own, so that the cells do not depend on each other.
      const id = status === 200 ? await localTemplate("DCP", `to-delete-by-${person}`) : templateIds[source];
      const response = await expectStatus(() => remove(person, id), status, `${person} deletes ${source}`);
      if (status === 200) {
        expect(await response.json()).toEqual({ id });
        expect(await templateRow(db, id)).toBeUndefined();
        expect(await templateAudits(db, "response_template.delete", id)).toHaveLength(1);
        // Gone is gone: a second delete is a 404.
        expect((await remove(person, id)).status).toBe(404);
      }
    });

    it("answers without a token 401, and a cookie-authenticated change from another site 403, changing nothing", async () => {
      await expectStatus(() => edit({}, templateIds.dcp, { title: "Anonymous" }), 401, "anonymous edit");
      await expectStatus(() => copy({}, templateIds.national, { key: "anonymous-copy" }), 401, "anonymous copy");
      stand.cookieCtx = await ctxOf(PEOPLE.priya);
      try {
        const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
        await expectStatus(() => edit(crossSite, templateIds.dcp, { title: "Pwned" }), 403, "cross-site edit");
        await expectStatus(() => copy(crossSite, templateIds.national, { key: "pwned" }), 403, "cross-site copy");
        await expectStatus(() => templateRoute.DELETE(request(`/response-templates/${templateIds.dcp}`, { method: "DELETE", headers: crossSite }), params({ templateId: templateIds.dcp })), 403, "cross-site delete");
      } finally {
        stand.cookieCtx = null;
      }
    });
  });

  describe("editing a local template", () => {
    it("replaces the columns and cards in the order sent, and keeps the key", async () => {
      const id = await localTemplate("DCP", "dcp-reorder");
      const columns = [
        { title: "Later", cards: [{ title: "Debrief", action: "Hold the debrief.", startOffsetMinutes: 24 * 60, dueOffsetMinutes: 26 * 60 }] },
        {
          title: "Now",
          cards: [
            { title: "Second", action: "Do the second thing.", resources: ["Search team"], reference: "Local policy 12", startOffsetMinutes: -90, dueOffsetMinutes: 0, labels: ["search"], checklist: ["Done it"] },
            { title: "First", action: "Do the first thing.", startOffsetMinutes: 0, dueOffsetMinutes: 15 },
          ],
        },
      ];
      const response = await expectStatus(() => edit("priya", id, { title: "  DCP plan, edited  ", summary: "What DCP does", reference: "", columns }), 200, "full edit");
      const view = (await response.json()) as ResponseTemplateView;
      expect(view).toMatchObject({ key: "dcp-reorder", title: "DCP plan, edited", summary: "What DCP does" });
      expect(view.content.reference).toBeUndefined();
      expect(view.content.columns.map((c) => [c.title, c.cards.map((k) => k.title)])).toEqual([
        ["Later", ["Debrief"]],
        ["Now", ["Second", "First"]],
      ]);
      expect(view.content.columns[1]!.cards[0]).toEqual(columns[1]!.cards[0]);
      expect(view.content.columns[0]!.cards[0]).toMatchObject({ resources: [], labels: [], checklist: [] });
      expect(view.content.columns[0]!.cards[0]!.reference).toBeUndefined();
    });

    it("refuses bad input with a clear message naming each field, and changes nothing", async () => {
      const id = templateIds.dcp;
      const card = { title: "Search", action: "Search the address", startOffsetMinutes: 0, dueOffsetMinutes: 60 };
      const cases: [string, unknown, RegExp, (string | number)[]][] = [
        ["an empty title", { title: "   " }, /A template's title is required/, ["title"]],
        ["a 10,000-character title", { title: "x".repeat(10_000) }, /A template's title is longer than 200 characters/, ["title"]],
        ["a title that is not text", { title: 12 }, /A template's title must be text/, ["title"]],
        ["an empty description", { summary: "" }, /A template's description is required/, ["summary"]],
        ["no columns", { columns: [] }, /at least one column/, ["columns"]],
        ["an empty card title", { columns: [{ title: "A", cards: [{ ...card, title: "" }] }] }, /A card's title is required/, ["columns", 0, "cards", 0, "title"]],
        ["a 10,000-character card title", { columns: [{ title: "A", cards: [{ ...card, title: "x".repeat(10_000) }] }] }, /longer than 200/, ["columns", 0, "cards", 0, "title"]],
        ["a card due before it starts", { columns: [{ title: "A", cards: [{ ...card, startOffsetMinutes: 60, dueOffsetMinutes: -30 }] }] }, /cannot fall due before it starts/, ["columns", 0, "cards", 0, "dueOffsetMinutes"]],
        ["a start a year before", { columns: [{ title: "A", cards: [{ ...card, startOffsetMinutes: -365 * 24 * 60 }] }] }, /start can be at most 90 days before/, ["columns", 0, "cards", 0, "startOffsetMinutes"]],
        ["a due time of a million minutes", { columns: [{ title: "A", cards: [{ ...card, dueOffsetMinutes: 1_000_000 }] }] }, /due time can be at most 90 days after/, ["columns", 0, "cards", 0, "dueOffsetMinutes"]],
        ["a fractional offset", { columns: [{ title: "A", cards: [{ ...card, dueOffsetMinutes: 12.5 }] }] }, /whole number of minutes/, ["columns", 0, "cards", 0, "dueOffsetMinutes"]],
        ["an offset that is not a number", { columns: [{ title: "A", cards: [{ ...card, dueOffsetMinutes: "1h" }] }] }, /number of minutes/, ["columns", 0, "cards", 0, "dueOffsetMinutes"]],
        ["a control character in a card title", { columns: [{ title: "A", cards: [{ ...card, title: "Bell \u0007" }] }] }, /cannot contain control characters/, ["columns", 0, "cards", 0, "title"]],
        ["an unknown field", { title: "Fine", colour: "red" }, /no field "colour"/, []],
        ["a change of key", { key: "another-key" }, /no field "key"/, []],
        ["an unknown field on a card", { columns: [{ title: "A", cards: [{ ...card, dueInHours: 1 }] }] }, /A card has no field "dueInHours"/, ["columns", 0, "cards", 0]],
        ["nothing to change", {}, /Nothing to change/, []],
      ];
      for (const [what, body, message, path] of cases) {
        const response = await expectStatus(() => edit("priya", id, body), 400, what);
        const error = await errorOf(response);
        expect(error.code, what).toBe("invalid_input");
        expect(error.message, what).toMatch(message);
        expect(error.issues?.[0], what).toEqual({ path, message: expect.stringMatching(message) });
      }
      // Several problems are all reported, each with its field.
      const many = await errorOf(await expectStatus(() => edit("priya", id, { title: "", columns: [{ title: "", cards: [{ ...card, action: "" }] }] }), 400, "several problems"));
      expect(many.issues!.map((i) => i.path.join("."))).toEqual(["title", "columns.0.title", "columns.0.cards.0.action"]);
      expect(many.message).toMatch(/\(and 2 more problems\)$/);
      // A body that is not JSON is refused before anything is looked at.
      await expectStatus(() => templateRoute.PATCH(request(`/response-templates/${id}`, { method: "PATCH", headers: { "content-type": "text/plain", ...bearer(PEOPLE.priya) }, body: "title=x" }), params({ templateId: id })), 400, "not JSON");
    });

    it("refuses a stale edit with 409 and the template as it is now, and applies nothing", async () => {
      const id = await localTemplate("DCP", "dcp-stale");
      const loaded = (await (await templateRoute.GET(request(`/response-templates/${id}`, { headers: bearer(PEOPLE.sam) }), params({ templateId: id }))).json()) as ResponseTemplateView;
      await new Promise((r) => setTimeout(r, 5));
      expect((await edit("priya", id, { title: "Priya's title", expectedUpdatedAt: loaded.updatedAt })).status).toBe(200);
      const stale = await expectStatus(() => edit("sam", id, { title: "Sam's title", expectedUpdatedAt: loaded.updatedAt }), 409, "stale edit");
      const error = await errorOf(stale);
      expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/saved this template after you opened it/), current: { id, title: "Priya's title" } });
      expect((await edit("sam", id, { title: "Sam's title", expectedUpdatedAt: error.current!.updatedAt })).status).toBe(200);
    });
  });

  describe("copying", () => {
    it("refuses a second copy with the same key (409), a bad key or title, and unknown fields (400), changing nothing", async () => {
      expect((await copy("priya", templateIds.national, { key: "kept-once" })).status).toBe(200);
      expect((await errorOf(await expectStatus(() => copy("sam", templateIds.national, { key: "kept-once" }), 409, "same key"))).message).toMatch(/already has a template with the key "kept-once"/);
      expect((await errorOf(await expectStatus(() => copy("priya", templateIds.national, { key: "Not A Key" }), 400, "bad key"))).message).toMatch(/3 to 64 lowercase letters/);
      expect((await errorOf(await expectStatus(() => copy("priya", templateIds.national, { key: "long-title", title: "x".repeat(10_000) }), 400, "long title"))).message).toMatch(/at most 200 characters/);
      expect((await errorOf(await expectStatus(() => copy("priya", templateIds.national, { key: "extra", scope: "national" }), 400, "unknown field"))).message).toMatch(/no field "scope"/);
    });
  });
});
