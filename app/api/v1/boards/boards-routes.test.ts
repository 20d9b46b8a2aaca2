/**
 * The board routes through the real API wrapper (lib/http/api-route.ts) on a real database, as a
 * client sees them: statuses and bodies with a personal access token; a stale edit answered 409
 * with the current card; a card moved to another space's board refused 400 with the row
 * unchanged; an invisible card answered exactly like a missing one; a cookie-authenticated change
 * from another site refused; and the live feed (Server-Sent Events) read as a browser reads it:
 * each changed card as the viewer may see it and nothing of one they may not, 404 for someone
 * who may not see the board, and the feed ended when access is lost. Only the request-scoped pieces of Next.js are
 * stood in for (the cookie session, the process's database handle), as in comments-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { createBoard } from "@/lib/boards/create-board";
import { createCard } from "@/lib/boards/create-card";
import { getBoard } from "@/lib/boards/get-board";
import { boardListenerCount } from "@/lib/boards/board-events";
import { openBoardEventStream, mayStillWatchBoard } from "@/lib/boards/board-event-stream";
import { getCard } from "@/lib/boards/get-card";
import { removeSpaceMember } from "@/lib/spaces/remove-space-member";
import { updateCard } from "@/lib/boards/update-card";
import { deleteCard } from "@/lib/boards/delete-card";
import { moveCard } from "@/lib/boards/move-card";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const boardsRoute = await import("@/app/api/v1/spaces/[spaceId]/boards/route");
const boardRoute = await import("@/app/api/v1/boards/[boardId]/route");
const cardsRoute = await import("@/app/api/v1/boards/[boardId]/cards/route");
const cardRoute = await import("@/app/api/v1/cards/[cardId]/route");
const moveRoute = await import("@/app/api/v1/cards/[cardId]/move/route");
const assigneesRoute = await import("@/app/api/v1/cards/[cardId]/assignees/route");
const eventsRoute = await import("@/app/api/v1/boards/[boardId]/events/route");

let db: PolicyCtx["db"];
let s: SeededScenario;

const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";
const MARK = "mark.ellis@dcp.example";
const HELEN = "helen.carter@cc.example";
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, ALEX, MARK, HELEN], (opened) => {
  db = opened.db;
  s = opened.scenario;
});
const tasking = () => s.boardId("Kestrel tasking");


const json = (body: unknown, headers: Record<string, string>, method = "POST") => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; current?: { title: string; version: number } } }).error;
/** The card as Priya (who sees every card of Kestrel) gets it, through lib/: what "unchanged" is compared on. */
const cardRow = async (id: string) => getCard(await ctxOf(PRIYA), { cardId: id });

/** Reads from an SSE body until `pattern` appears or `ms` pass; returns what was read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, ms = 2000): Promise<{ text: string; isDone: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (next === null) break;
    if (next.done) return { text, isDone: true };
    text += decoder.decode(next.value);
    if (pattern.test(text)) break;
  }
  return { text, isDone: false };
}

describe("board routes", () => {
  it("lists, creates and reads boards and cards through the API with a token", async () => {
    const listed = await boardsRoute.GET(request(`/spaces/${s.spaceId("Operation Kestrel")}/boards`, { headers: bearer(ALEX) }), params({ spaceId: s.spaceId("Operation Kestrel") }));
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { title: string }[] }).items.map((b) => b.title)).toContain("Kestrel tasking");

    const created = await boardsRoute.POST(request(`/spaces/${s.spaceId("Operation Kestrel")}/boards`, json({ title: "API board" }, bearer(PRIYA))), params({ spaceId: s.spaceId("Operation Kestrel") }));
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const board = (await (await boardRoute.GET(request(`/boards/${id}`, { headers: bearer(ALEX) }), params({ boardId: id }))).json()) as { columns: { id: string; title: string }[] };
    expect(board.columns.map((c) => c.title)).toEqual(["To do", "In progress", "Done"]);

    const card = await cardsRoute.POST(request(`/boards/${id}/cards`, json({ columnId: board.columns[0]!.id, title: "From the API", marking: "OFFICIAL" }, bearer(ALEX))), params({ boardId: id }));
    expect(card.status).toBe(200);
    expect(await card.json()).toMatchObject({ title: "From the API", marking: "OFFICIAL", version: 1 });
  });

  it("answers a stale edit 409 with the current card, and applies nothing", async () => {
    const columnId = (await getBoard(await ctxOf(PRIYA), { boardId: tasking() })).columns[0]!.id;
    const card = await createCard(await ctxOf(PRIYA), { boardId: tasking(), columnId, title: "Original", marking: "OFFICIAL" });
    const first = await cardRoute.PATCH(request(`/cards/${card.id}`, json({ expectedVersion: 1, title: "Alex's title" }, bearer(ALEX), "PATCH")), params({ cardId: card.id }));
    expect(first.status).toBe(200);
    const stale = await cardRoute.PATCH(request(`/cards/${card.id}`, json({ expectedVersion: 1, title: "Priya's title" }, bearer(PRIYA), "PATCH")), params({ cardId: card.id }));
    expect(stale.status).toBe(409);
    const error = await errorOf(stale);
    expect(error).toMatchObject({ code: "conflict", current: { title: "Alex's title", version: 2 } });
    expect((await cardRow(card.id))!.title).toBe("Alex's title");
  });

  it("answers 400 with the reason for a card moved to another space's board, a bad date or a long title, and changes nothing", async () => {
    const { id: mash } = await createBoard(await ctxOf(PRIYA), { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"), title: "MASH board" });
    const mashColumn = (await getBoard(await ctxOf(PRIYA), { boardId: mash })).columns[0]!.id;
    const cardId = s.cardId("Share vehicle sightings with Dorset");
    const before = await cardRow(cardId);
    const moved = await moveRoute.POST(request(`/cards/${cardId}/move`, json({ columnId: mashColumn, afterCardId: null, beforeCardId: null }, bearer(PRIYA))), params({ cardId }));
    expect(moved.status).toBe(400);
    expect(await errorOf(moved)).toEqual({ code: "invalid_input", message: "A card can only move to a column of its own board" });
    const dated = await cardRoute.PATCH(request(`/cards/${cardId}`, json({ expectedVersion: before!.version, startAt: "2026-06-02", dueAt: "2026-06-01" }, bearer(PRIYA), "PATCH")), params({ cardId }));
    expect(dated.status).toBe(400);
    const long = await cardRoute.PATCH(request(`/cards/${cardId}`, json({ expectedVersion: before!.version, title: "x".repeat(10_000) }, bearer(PRIYA), "PATCH")), params({ cardId }));
    expect(long.status).toBe(400);
    const unknown = await assigneesRoute.PUT(request(`/cards/${cardId}/assignees`, json({ userIds: [MISSING_ID] }, bearer(PRIYA), "PUT")), params({ cardId }));
    expect(unknown.status).toBe(400);
    expect(await cardRow(cardId)).toEqual(before);
  });

  it("answers Mark about the OFFICIAL-SENSITIVE card exactly as about a missing one, and changes nothing", async () => {
    const hidden = s.cardId("Meet source handler about the Bodmin address");
    const before = await cardRow(hidden);
    const missing = await (await cardRoute.GET(request(`/cards/${MISSING_ID}`, { headers: bearer(MARK) }), params({ cardId: MISSING_ID }))).text();
    expect(JSON.parse(missing)).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const responses = [
      await cardRoute.GET(request(`/cards/${hidden}`, { headers: bearer(MARK) }), params({ cardId: hidden })),
      await cardRoute.PATCH(request(`/cards/${hidden}`, json({ expectedVersion: 1, title: "x" }, bearer(MARK), "PATCH")), params({ cardId: hidden })),
      await cardRoute.DELETE(request(`/cards/${hidden}`, { method: "DELETE", headers: bearer(MARK) }), params({ cardId: hidden })),
      await moveRoute.POST(request(`/cards/${hidden}/move`, json({ columnId: MISSING_ID }, bearer(MARK))), params({ cardId: hidden })),
      await boardRoute.GET(request(`/boards/${tasking()}`, { headers: bearer(HELEN) }), params({ boardId: tasking() })),
      await eventsRoute.GET(request(`/boards/${tasking()}/events`, { headers: bearer(HELEN) }), params({ boardId: tasking() })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missing);
    }
    expect(await cardRow(hidden)).toEqual(before);
    // And the board he gets does not count it.
    const board = (await (await boardRoute.GET(request(`/boards/${tasking()}`, { headers: bearer(MARK) }), params({ boardId: tasking() }))).json()) as { columns: { title: string; cardCount: number }[] };
    expect(JSON.stringify(board)).not.toContain("source handler");
  });

  it("refuses a cookie-authenticated change from another site", async () => {
    stand.cookieCtx = await ctxOf(PRIYA);
    try {
      const forged = await boardRoute.PATCH(
        request(`/boards/${tasking()}`, { method: "PATCH", headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: JSON.stringify({ title: "Pwned" }) }),
        params({ boardId: tasking() }),
      );
      expect(forged.status).toBe(403);
      expect((await getBoard(await ctxOf(PRIYA), { boardId: tasking() })).title).toBe("Kestrel tasking");
    } finally {
      stand.cookieCtx = null;
    }
  });

  it("streams each changed card to a viewer within a second, as they may see it, and nothing of a card they may not see", async () => {
    const open = async (email: string, controller: AbortController) => {
      const response = await eventsRoute.GET(request(`/boards/${tasking()}/events`, { headers: bearer(email), signal: controller.signal }), params({ boardId: tasking() }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(response.headers.get("cache-control")).toContain("no-store");
      const reader = response.body!.getReader();
      expect((await readUntil(reader, /: open/)).text).toContain("retry: 3000");
      return reader;
    };
    const controller = new AbortController();
    const alex = await open(ALEX, controller);
    const mark = await open(MARK, controller);
    expect(boardListenerCount(tasking())).toBe(2);
    try {
    const priya = await ctxOf(PRIYA);
    const columnId = (await getBoard(priya, { boardId: tasking() })).columns[0]!.id;
    const eventsIn = (text: string) => [...text.matchAll(/event: (\S+)\ndata: (.*)\n\n/g)].map((m) => ({ name: m[1]!, data: JSON.parse(m[2]!) as { card?: { id: string; title: string; marking: string }; cardId?: string } }));

    // An OFFICIAL-SENSITIVE card: Alex (SC, Dorset, under the Kestrel agreement) gets it in full.
    const sensitive = await createCard(priya, { boardId: tasking(), columnId, title: "Seen live", marking: "OFFICIAL-SENSITIVE" });
    // Within a second of the change committing (the feed may even have it before createCard returns).
    const committed = Date.now();
    const toAlex = eventsIn((await readUntil(alex, /event: card\n/, 1000)).text);
    expect(Date.now() - committed).toBeLessThan(1000);
    expect(toAlex).toEqual([{ name: "card", data: { type: "card", card: expect.objectContaining({ id: sensitive.id, title: "Seen live", marking: "OFFICIAL-SENSITIVE", columnId }) } }]);
    // Showing it to him is a consultation, recorded as the board view records it.
    const consultations = async () =>
      (await db.query.auditEvents.findMany({ where: (a, { and, eq }) => and(eq(a.action, "board.read"), eq(a.actorUserId, s.userId(ALEX))) })).filter((a) =>
        (a.details as { sensitiveCardIds?: string[] }).sensitiveCardIds?.includes(sensitive.id),
      );
    expect(await consultations()).toHaveLength(1);

    // Mark (vetting expired) hears nothing of it, created, edited or moved: not even its id.
    await updateCard(priya, { cardId: sensitive.id, expectedVersion: 1, title: "Seen live, edited" });
    expect(eventsIn((await readUntil(alex, /edited/, 1000)).text)[0]?.data.card?.title).toBe("Seen live, edited");
    // Recorded once per feed: the edit Alex is shown is the same consultation.
    expect(await consultations()).toHaveLength(1);
    const official = await createCard(priya, { boardId: tasking(), columnId, title: "Everyone's card", marking: "OFFICIAL" });
    const toMark = (await readUntil(mark, /Everyone's card/, 1000)).text;
    expect(eventsIn(toMark)).toEqual([{ name: "card", data: { type: "card", card: expect.objectContaining({ id: official.id, title: "Everyone's card" }) } }]);
    expect(toMark).not.toContain(sensitive.id);
    expect(toMark).not.toContain("Seen live");

    // Raised above his vetting, the card he was shown leaves his board: its id, nothing more.
    await updateCard(priya, { cardId: official.id, expectedVersion: 1, marking: "OFFICIAL-SENSITIVE" });
    const removed = (await readUntil(mark, /card-removed/, 1000)).text;
    expect(eventsIn(removed)).toEqual([{ name: "card-removed", data: { type: "card-removed", cardId: official.id } }]);
    expect(removed).not.toContain("Everyone's card");
    // Moved, Alex's feed sends its new place and nothing else; Mark's, nothing at all.
    const otherColumn = (await getBoard(priya, { boardId: tasking() })).columns[1]!.id;
    const moved = await moveCard(priya, { cardId: sensitive.id, columnId: otherColumn, afterCardId: null, beforeCardId: null });
    // (Alex's feed also holds the OFFICIAL card's creation and re-marking, read here for the first time.)
    expect(eventsIn((await readUntil(alex, /card-moved/, 1000)).text).filter((e) => e.name === "card-moved")).toEqual([
      { name: "card-moved", data: { type: "card-moved", cardId: sensitive.id, columnId: otherColumn, position: moved.position, updatedAt: expect.any(String) } },
    ]);
    expect((await readUntil(mark, /card/, 300)).text).not.toContain("card");

    // Deleted, it leaves Alex's.
    await deleteCard(priya, { cardId: sensitive.id });
    expect(eventsIn((await readUntil(alex, new RegExp(`card-removed[^]*${sensitive.id}`), 1000)).text).at(-1)).toEqual({ name: "card-removed", data: { type: "card-removed", cardId: sensitive.id } });

    } finally {
      controller.abort();
      await alex.cancel().catch(() => {});
      await mark.cancel().catch(() => {});
    }
    expect(boardListenerCount(tasking())).toBe(0);
  });

  it("ends the feed when a re-check finds access lost, and re-checks as a new request would", async () => {
    const ctx = await ctxOf(ALEX);
    let isAllowed = true;
    const response = await openBoardEventStream(ctx, { boardId: tasking(), timing: { recheckMs: 20, heartbeatMs: 10 }, recheck: async () => (isAllowed ? ctx.ability : null) });
    const reader = response.body!.getReader();
    expect((await readUntil(reader, /heartbeat/, 1000)).text).toContain(": heartbeat");
    isAllowed = false;
    const end = await readUntil(reader, /access-lost/, 1000);
    expect(end.text).toContain("event: access-lost");
    expect((await readUntil(reader, /never/, 500)).isDone).toBe(true);
    expect(boardListenerCount(tasking())).toBe(0);

    // The real re-check: Alex may watch; once removed from Kestrel, he may not.
    const now = new Date();
    expect(await mayStillWatchBoard(db, ctx.actor, tasking(), now)).toBe(true);
    expect(await mayStillWatchBoard(db, (await ctxOf(HELEN)).actor, tasking(), now)).toBe(false);
    await removeSpaceMember(await ctxOf(PRIYA), { spaceId: s.spaceId("Operation Kestrel"), userId: s.userId(ALEX) });
    expect(await mayStillWatchBoard(db, ctx.actor, tasking(), now)).toBe(false);
  });

  it("ends a viewer's feed as soon as they are removed from the space", async () => {
    const controller = new AbortController();
    const response = await eventsRoute.GET(request(`/boards/${tasking()}/events`, { headers: bearer(MARK), signal: controller.signal }), params({ boardId: tasking() }));
    const reader = response.body!.getReader();
    await readUntil(reader, /: open/);
    await removeSpaceMember(await ctxOf(PRIYA), { spaceId: s.spaceId("Operation Kestrel"), userId: s.userId(MARK) });
    const end = await readUntil(reader, /access-lost/, 1000);
    expect(end.text).toContain("event: access-lost");
    // And a card created afterwards never reaches him (the last test: Mark stays removed).
    const columnId = (await getBoard(await ctxOf(PRIYA), { boardId: tasking() })).columns[0]!.id;
    await createCard(await ctxOf(PRIYA), { boardId: tasking(), columnId, title: "After he left", marking: "OFFICIAL" });
    const after = await readUntil(reader, /never/, 300);
    expect(after.text).not.toContain("After he left");
    expect(after.isDone).toBe(true);
    controller.abort();
  });
});
