/**
 * The completion routes (POST and DELETE /api/v1/cards/{cardId}/completion) through the real API
 * wrapper on a real database, as a client sees them, following boards-routes.test.ts: completing
 * a repeating card answers { card, next } with the next occurrence; a stale version 409 with the
 * current card; completing twice 400; an invisible card answered exactly like a missing one, and
 * a reader 403, with the row unchanged; a cookie-authenticated completion from another site
 * refused; and the route × persona matrix: each person of the scenario completing and reopening
 * an OFFICIAL and an OFFICIAL-SENSITIVE card, with the status written out by hand.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { buildMembership, type SeededScenario, PERSONA_EMAILS } from "@/db/factories";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { completeCard } from "@/lib/boards/complete-card";
import { createCard } from "@/lib/boards/create-card";
import { getBoard } from "@/lib/boards/get-board";
import { getCard } from "@/lib/boards/get-card";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const completionRoute = await import("@/app/api/v1/cards/[cardId]/completion/route");

let db: PolicyCtx["db"];
let s: SeededScenario;

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;
const { ctxOf, bearer } = routeTestKit(stand, Object.values(PEOPLE), (opened) => {
  db = opened.db;
  s = opened.scenario;
});
const tasking = () => s.boardId("Kestrel tasking");

const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const post = (cardId: string, body: unknown, headers: Record<string, string>) =>
  completionRoute.POST(request(`/cards/${cardId}/completion`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), params({ cardId }));
const del = (cardId: string, headers: Record<string, string>) => completionRoute.DELETE(request(`/cards/${cardId}/completion`, { method: "DELETE", headers }), params({ cardId }));
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; current?: { version: number } } }).error;
/** The card as Priya (who sees every card of Kestrel) gets it, through lib/: what "unchanged" is compared on. */
const rowOf = async (id: string) => getCard(await ctxOf(PEOPLE.priya), { cardId: id });
/** How many cards Kestrel's board holds (Priya sees them all). */
const cardCount = async () => (await getBoard(await ctxOf(PEOPLE.priya), { boardId: tasking() })).columns.reduce((n, c) => n + c.cardCount, 0);

/** A card made by Priya in the first column of Kestrel's board. */
async function freshCard(title: string, fields: { marking?: string; repeats?: boolean } = {}) {
  const priya = await ctxOf(PEOPLE.priya);
  const columnId = (await getBoard(priya, { boardId: tasking() })).columns[0]!.id;
  return createCard(priya, {
    boardId: tasking(),
    columnId,
    title,
    marking: fields.marking ?? "OFFICIAL",
    dueAt: "2030-06-01T09:00:00Z",
    checklist: [{ text: "Brief the shift", done: true }],
    recurrence: fields.repeats ? { frequency: "daily", interval: 1 } : null,
  });
}

describe("card completion routes", () => {
  it("completes a repeating card with a token, answering the card and its next occurrence; reopens it", async () => {
    const card = await freshCard("Completed over the API", { repeats: true });
    const response = await post(card.id, { expectedVersion: 1 }, bearer(PEOPLE.alex));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { card: { id: string; completedAt: string | null; version: number; recurrence: unknown }; next: { id: string; title: string; checklist: { done: boolean }[]; recurrence: unknown; dueAt: string } };
    expect(body.card).toMatchObject({ id: card.id, version: 2, recurrence: null });
    expect(body.card.completedAt).not.toBeNull();
    expect(body.next).toMatchObject({ title: "Completed over the API", recurrence: { frequency: "daily", interval: 1 }, checklist: [{ done: false }] });
    expect(new Date(body.next.dueAt).getTime()).toBeGreaterThan(Date.now());

    const reopened = await del(card.id, bearer(PEOPLE.alex));
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({ id: card.id, completedAt: null, version: 3 });
    // The occurrence made stays.
    expect(await rowOf(body.next.id)).toBeDefined();
  });

  it("answers a stale version 409 with the current card, a second completion 400, a body that is not JSON 400; nothing changes", async () => {
    const card = await freshCard("Stale over the API", { repeats: true });
    await completeCard(await ctxOf(PEOPLE.priya), { cardId: card.id });
    const completed = await rowOf(card.id);
    const count = await cardCount();
    const again = await post(card.id, {}, bearer(PEOPLE.priya));
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toEqual({ code: "invalid_input", message: "This card is already complete" });
    expect(await rowOf(card.id)).toEqual(completed);

    const open = await freshCard("Stale version");
    const stale = await post(open.id, { expectedVersion: 7 }, bearer(PEOPLE.priya));
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatchObject({ code: "conflict", current: { version: 1 } });
    const notJson = await completionRoute.POST(request(`/cards/${open.id}/completion`, { method: "POST", headers: { ...bearer(PEOPLE.priya), "content-type": "text/plain" }, body: "{}" }), params({ cardId: open.id }));
    expect(notJson.status).toBe(400);
    const reopenOpen = await del(open.id, bearer(PEOPLE.priya));
    expect(reopenOpen.status).toBe(400);
    expect((await rowOf(open.id))!.completedAt).toBeNull();
    expect(await cardCount()).toBe(count + 1);
  });

  it("answers Mark about the OFFICIAL-SENSITIVE card exactly as about a missing one, a reader 403, and changes nothing", async () => {
    const hidden = await freshCard("Hidden from Mark", { marking: "OFFICIAL-SENSITIVE", repeats: true });
    const before = await rowOf(hidden.id);
    const count = await cardCount();
    const missing = await (await post(MISSING_ID, {}, bearer(PEOPLE.mark))).text();
    expect(JSON.parse(missing)).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    for (const response of [await post(hidden.id, {}, bearer(PEOPLE.mark)), await del(hidden.id, bearer(PEOPLE.mark)), await post(hidden.id, {}, bearer(PEOPLE.helen))]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missing);
    }
    expect(await rowOf(hidden.id)).toEqual(before);
    expect(await cardCount()).toBe(count);
  });

  it("refuses a cookie-authenticated completion from another site", async () => {
    const card = await freshCard("Forged completion");
    stand.cookieCtx = await ctxOf(PEOPLE.priya);
    try {
      const forged = await completionRoute.POST(
        request(`/cards/${card.id}/completion`, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: "{}" }),
        params({ cardId: card.id }),
      );
      expect(forged.status).toBe(403);
      expect((await rowOf(card.id))!.completedAt).toBeNull();
    } finally {
      stand.cookieCtx = null;
    }
  });

  /**
   * The route × persona matrix: POST (complete) and DELETE (reopen, of a card Priya completed) as
   * each person, on an OFFICIAL and an OFFICIAL-SENSITIVE card. Kestrel's members and its DOR guest
   * may complete and reopen (editing the card); Mark's expired vetting hides the OFFICIAL-SENSITIVE
   * card (404); Janet, Sam, Helen, Ben and Aisha are not in Kestrel (404). Janet is then added as a
   * reader: she sees the cards and may not change them (403).
   */
  const MATRIX: [Person, "OFFICIAL" | "OFFICIAL-SENSITIVE", { complete: number; reopen: number }][] = [
    ["priya", "OFFICIAL", { complete: 200, reopen: 200 }],
    ["priya", "OFFICIAL-SENSITIVE", { complete: 200, reopen: 200 }],
    ["tom", "OFFICIAL", { complete: 200, reopen: 200 }],
    ["tom", "OFFICIAL-SENSITIVE", { complete: 200, reopen: 200 }],
    ["mark", "OFFICIAL", { complete: 200, reopen: 200 }],
    ["mark", "OFFICIAL-SENSITIVE", { complete: 404, reopen: 404 }],
    ["alex", "OFFICIAL", { complete: 200, reopen: 200 }],
    ["alex", "OFFICIAL-SENSITIVE", { complete: 200, reopen: 200 }],
    ...(["janet", "sam", "helen", "ben", "aisha"] as const).flatMap((p) => [
      [p, "OFFICIAL", { complete: 404, reopen: 404 }] as [Person, "OFFICIAL", { complete: number; reopen: number }],
      [p, "OFFICIAL-SENSITIVE", { complete: 404, reopen: 404 }] as [Person, "OFFICIAL-SENSITIVE", { complete: number; reopen: number }],
    ]),
  ];

  it("covers every person of the scenario", () => {
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(Object.keys(PEOPLE)));
  });

  it.each(MATRIX)("%s completing and reopening a %s card", async (person, marking, expected) => {
    const toComplete = await freshCard(`Matrix complete ${person}`, { marking, repeats: true });
    const toReopen = await freshCard(`Matrix reopen ${person}`, { marking });
    await completeCard(await ctxOf(PEOPLE.priya), { cardId: toReopen.id });
    const before = [await rowOf(toComplete.id), await rowOf(toReopen.id)];
    const count = await cardCount();

    const completed = await post(toComplete.id, { expectedVersion: 1 }, bearer(PEOPLE[person]));
    expect(completed.status, `${person} complete ${marking}`).toBe(expected.complete);
    const reopened = await del(toReopen.id, bearer(PEOPLE[person]));
    expect(reopened.status, `${person} reopen ${marking}`).toBe(expected.reopen);
    if (expected.complete !== 200) {
      expect(await rowOf(toComplete.id)).toEqual(before[0]);
      expect(await cardCount()).toBe(count);
    } else expect(await cardCount()).toBe(count + 1);
    if (expected.reopen !== 200) expect(await rowOf(toReopen.id)).toEqual(before[1]);
  });

  it("answers a reader of the space 403 for both, with the rows unchanged", async () => {
    await buildMembership(db, { spaceId: s.spaceId("Operation Kestrel"), userId: s.userId(PEOPLE.janet), role: "reader" });
    const card = await freshCard("Reader's view", { repeats: true });
    const done = await freshCard("Reader's completed view");
    await completeCard(await ctxOf(PEOPLE.priya), { cardId: done.id });
    const before = [await rowOf(card.id), await rowOf(done.id)];
    const completed = await post(card.id, {}, bearer(PEOPLE.janet));
    expect(completed.status).toBe(403);
    expect((await errorOf(completed)).code).toBe("forbidden");
    expect((await del(done.id, bearer(PEOPLE.janet))).status).toBe(403);
    expect([await rowOf(card.id), await rowOf(done.id)]).toEqual(before);
  });
});
