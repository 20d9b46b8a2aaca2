/**
 * The notification routes through the real API wrapper (lib/http/api-route.ts) on a real database,
 * with personal access tokens, per persona: each person lists and counts only their own (Helen,
 * outside Kestrel, none of Kestrel's), a card re-marked above Mark's vetting is listed to him
 * without its title, `limit=0` answers the count alone; marking someone else's notification read
 * answers 404 exactly like a missing one and changes nothing; bad input is 400, no token 401, and a
 * cookie-authenticated change from another site 403. The request-scoped pieces of Next.js are
 * stood in for, as in boards-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { createCard } from "@/lib/boards/create-card";
import { getBoard } from "@/lib/boards/get-board";
import { getCard } from "@/lib/boards/get-card";
import { setCardAssignees } from "@/lib/boards/set-card-assignees";
import { updateCard } from "@/lib/boards/update-card";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { countUnreadNotifications } from "@/lib/notifications/count-unread-notifications";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const listRoute = await import("@/app/api/v1/notifications/route");
const readRoute = await import("@/app/api/v1/notifications/read/route");

let s: SeededScenario;

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const PEOPLE = [PRIYA, TOM, MARK, ALEX, HELEN] as const;
const { ctxOf, bearer } = routeTestKit(stand, PEOPLE, (opened) => {
  s = opened.scenario;
});
const noParams = { params: Promise.resolve({}) };

type Item = { id: string; kind: string; text: string; isUnread: boolean; subject: { id: string; title: string } | null; space: { name: string } | null };
type Listing = { items: Item[]; nextCursor: string | null; unreadCount: number };

const get = (query: string, headers: Record<string, string>) => listRoute.GET(new NextRequest(`${BASE}/api/v1/notifications${query}`, { headers }), noParams);
const post = (body: unknown, headers: Record<string, string>) =>
  readRoute.POST(new NextRequest(`${BASE}/api/v1/notifications/read`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), noParams);
const listOf = async (email: string, query = "") => {
  const response = await get(query, bearer(email));
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
};
/** The person's notifications and unread count through lib/ (whose own tests check them against the table). */
const ownOf = async (email: string) => {
  const ctx = await ctxOf(email);
  return { items: (await listNotifications(ctx, { limit: 100 })).items, unreadCount: await countUnreadNotifications(ctx) };
};

/** A card on Kestrel's board by Priya, assigned to the people named: each but Priya is notified. */
async function assignedCard(title: string, emails: string[]) {
  const priya = await ctxOf(PRIYA);
  const [todo] = (await getBoard(priya, { boardId: s.boardId("Kestrel tasking") })).columns;
  const card = await createCard(priya, { boardId: s.boardId("Kestrel tasking"), columnId: todo!.id, title, marking: "OFFICIAL" });
  return setCardAssignees(priya, { cardId: card.id, userIds: emails.map((e) => s.userId(e)) });
}

describe("notification routes", () => {
  it("lists and counts each persona's own notifications only", async () => {
    const card = await assignedCard("Route: check the CCTV", [TOM, MARK, ALEX]);
    const seen = new Map<string, string>();
    for (const email of PEOPLE) {
      const listing = await listOf(email);
      const own = await ownOf(email);
      expect(listing.items.map((n) => n.id), email).toEqual(own.items.map((n) => n.id));
      expect(listing.unreadCount, email).toBe(own.unreadCount);
      const isAssignee = [TOM, MARK, ALEX].includes(email);
      expect(listing.items.some((n) => n.subject?.id === card.id && n.text === "You were assigned “Route: check the CCTV”"), email).toBe(isAssignee);
      // Nobody's list holds a notification that is in someone else's.
      for (const n of listing.items) {
        expect(seen.get(n.id), `${email} and ${seen.get(n.id)} share ${n.id}`).toBeUndefined();
        seen.set(n.id, email);
      }
    }
    expect((await listOf(HELEN)).items).toEqual([]);
    expect((await listOf(HELEN)).unreadCount).toBe(0);
    expect((await listOf(PRIYA)).items.some((n) => n.subject?.id === card.id)).toBe(false);
    // The count alone, for the bell.
    const count = await listOf(TOM, "?limit=0");
    expect(count).toEqual({ items: [], nextCursor: null, unreadCount: (await ownOf(TOM)).unreadCount });
    expect(count.unreadCount).toBeGreaterThan(0);
  });

  it("lists a card re-marked above Mark's vetting without its title", async () => {
    const card = await assignedCard("Route: the informant's address", [MARK]);
    const priya = await ctxOf(PRIYA);
    await updateCard(priya, { cardId: card.id, expectedVersion: (await getCard(priya, { cardId: card.id })).version, marking: "OFFICIAL-SENSITIVE" });
    const response = await get("", bearer(MARK));
    const body = await response.text();
    expect(body).not.toContain("informant");
    const listing = JSON.parse(body) as Listing;
    expect(listing.items.some((n) => n.subject === null && n.text === "You were assigned a card in Operation Kestrel")).toBe(true);
  });

  it("marks one's own read, one or all; another person's answers 404 like a missing one and stays unread", async () => {
    await assignedCard("Route: mark me", [TOM, MARK]);
    const [marks] = (await listOf(MARK)).items;
    const [toms] = (await listOf(TOM)).items;

    const forged = await post({ ids: [marks!.id] }, bearer(TOM));
    const missing = await post({ ids: [MISSING_ID] }, bearer(TOM));
    expect(forged.status).toBe(404);
    expect(await forged.json()).toEqual(await missing.json());
    expect((await ownOf(MARK)).items.find((n) => n.id === marks!.id)!.isUnread).toBe(true);

    const own = await post({ ids: [toms!.id] }, bearer(TOM));
    expect(own.status).toBe(200);
    const answer = (await own.json()) as { marked: number; unreadCount: number };
    expect(answer.marked).toBe(1);
    expect(answer.unreadCount).toBe((await ownOf(TOM)).unreadCount);

    const all = await post({ all: true }, bearer(TOM));
    expect(all.status).toBe(200);
    expect(((await all.json()) as { unreadCount: number }).unreadCount).toBe(0);
    expect((await listOf(TOM)).unreadCount).toBe(0);
    // Tom's "all" was Tom's own.
    expect((await listOf(MARK)).items.find((n) => n.id === marks!.id)!.isUnread).toBe(true);
  });

  it("answers bad input 400, no token 401, and a cookie-authenticated change from another site 403", async () => {
    expect((await get("?limit=abc", bearer(TOM))).status).toBe(400);
    expect((await get("?cursor=nonsense", bearer(TOM))).status).toBe(400);
    expect((await post({}, bearer(TOM))).status).toBe(400);
    expect((await post({ ids: [] }, bearer(TOM))).status).toBe(400);
    expect((await post({ all: false }, bearer(TOM))).status).toBe(400);
    const notJson = await readRoute.POST(new NextRequest(`${BASE}/api/v1/notifications/read`, { method: "POST", headers: { "content-type": "text/plain", ...bearer(TOM) }, body: "all" }), noParams);
    expect(notJson.status).toBe(400);
    expect((await get("", {})).status).toBe(401);
    expect((await post({ all: true }, {})).status).toBe(401);
    expect((await get("", { authorization: "Bearer acc_pat_nonsense" })).status).toBe(401);

    await assignedCard("Route: forged", [TOM]);
    const before = (await ownOf(TOM)).unreadCount;
    expect(before).toBeGreaterThan(0);
    stand.cookieCtx = await ctxOf(TOM);
    try {
      const forged = await post({ all: true }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(forged.status).toBe(403);
      expect((await ownOf(TOM)).unreadCount).toBe(before);
    } finally {
      stand.cookieCtx = null;
    }
  });
});
