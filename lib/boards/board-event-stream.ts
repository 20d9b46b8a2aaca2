/**
 * The live feed of one board: Server-Sent Events (`text/event-stream`) keeping an open board page
 * up to date without refetching the board. A changed card is sent as the viewer may see it (the
 * board API's view of it: `event: card`), or as gone (`event: card-removed`, its id) when it
 * left their sight; a move of a card the viewer has is sent as its new place alone
 * (`event: card-moved`: id, column, position); a change to the board itself or its briefings asks
 * the page to refetch that part (`board-changed`, `briefings-changed`).
 *
 * The threats, and what answers each:
 *  - a card above the viewer's vetting, or across an agreement that does not let it cross,
 *    reaching them: each card is checked against the viewer's ability before it is sent, with
 *    the rules the board's SQL filter compiles, and its links are trimmed the same way
 *    (lib/boards/card-snapshot.ts); a card they may not read is never sent, and its removal is
 *    sent only for a card this feed had shown them, so an invisible card's changes produce
 *    nothing at all (not even an id);
 *  - a feed that outlives the viewer's access (their membership removed, their vetting lapsed,
 *    an agreement suspended, the session revoked or timed out): the viewer's ability is rebuilt
 *    from the database, as a new request's would be, at once when an operation signals that
 *    access may have changed, and every 30 s in any case; the feed ends when access is lost,
 *    and tells the page to refetch when what the viewer may see has changed;
 *  - consultation unrecorded: sending an OFFICIAL-SENSITIVE card the viewer had not been shown
 *    is showing it, audited as the board view is (DPA 2018 s.62), once per card per feed.
 * Opening it is a read of the board (404 when invisible, like the board itself). A comment line
 * every 15 s keeps proxies from closing an idle connection. Changes are handled one at a time, in
 * order, so a page that applies them in order ends with what the server has.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessTokens, agencies, boards, cards, sessions, users } from "@/db/schema";
import type { AppAbility } from "@/policies/ability";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import type { Actor } from "../auth/actor";
import { toActor } from "../auth/resolve-actor";
import { buildAbility } from "../authz/build-ability";
import { boardSubject, cardColumns } from "../authz/columns";
import { recordAudit } from "../audit/record-audit";
import { watchAccessChanges } from "../collab/access-signal";
import type { PolicyCtx } from "../context";
import { env } from "../env";
import { onBoardChanged, type BoardSignal } from "./board-events";
import { readableBoard } from "./board-shared";
import { cardPlaceFor, cardViewFor, sharedCardPlace, sharedCardSnapshot } from "./card-snapshot";
import type { CardView } from "./card-view";

/** One server-sent event. */
function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Asks the page to refetch the board (its columns, or many cards, changed; or what the viewer may see did). */
export const BOARD_CHANGED_EVENT = event("board-changed", { type: "board-changed" });
/** Asks the page to refetch the board's briefings. */
export const BRIEFINGS_CHANGED_EVENT = event("briefings-changed", { type: "briefings-changed" });

export type BoardStreamTiming = { heartbeatMs: number; recheckMs: number };
const DEFAULT_TIMING: BoardStreamTiming = { heartbeatMs: 15_000, recheckMs: 30_000 };

/**
 * The actor's ability rebuilt from the database while they could still open the board: their
 * session (or personal access token) still valid, without extending it (an open tab must not
 * keep a session alive past its idle timeout), their account and agency active, and the policy
 * letting them read the board. Null when they may no longer watch it.
 */
export async function watcherAbility(db: Db, actor: Actor, boardId: string, now: Date): Promise<AppAbility | null> {
  if (actor.sessionToken.startsWith("pat:")) {
    const [token] = await db.select().from(accessTokens).where(and(eq(accessTokens.id, actor.sessionToken.slice(4)), isNull(accessTokens.revokedAt))).limit(1);
    if (!token || (token.expiresAt && token.expiresAt.getTime() <= now.getTime())) return null;
  } else {
    const [session] = await db.select().from(sessions).where(and(eq(sessions.sessionToken, actor.sessionToken), isNull(sessions.revokedAt))).limit(1);
    if (!session || session.expires.getTime() <= now.getTime()) return null;
    if (session.lastSeenAt.getTime() + env().sessionIdleMinutes * 60_000 <= now.getTime()) return null;
  }
  const [row] = await db.select({ user: users, agency: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, actor.userId)).limit(1);
  if (!row || row.user.status !== "active" || row.agency.status !== "active") return null;
  const [board] = await db.select().from(boards).where(eq(boards.id, boardId)).limit(1);
  if (!board) return null;
  const fresh = toActor(row.user, row.agency, actor.sessionToken, now);
  const ability = await buildAbility(db, fresh, now);
  return can(ability, "read", "Board", boardSubject(board)) ? ability : null;
}

/** True while the actor could still open the board (watcherAbility finds an ability). */
export async function mayStillWatchBoard(db: Db, actor: Actor, boardId: string, now: Date): Promise<boolean> {
  return (await watcherAbility(db, actor, boardId, now)) !== null;
}

/** The ids of the board's cards the ability lets its person read (what the page was shown), and of those OFFICIAL-SENSITIVE or above. */
async function visibleCards(db: Db, ability: AppAbility, boardId: string): Promise<{ ids: Set<string>; sensitiveIds: Set<string> }> {
  const policy = accessibleWhere(ability, "read", "Card", cardColumns);
  if (!policy) return { ids: new Set(), sensitiveIds: new Set() };
  const rows = await db.select({ id: cards.id, markingRank: cards.markingRank }).from(cards).where(and(policy, eq(cards.boardId, boardId)));
  return { ids: new Set(rows.map((r) => r.id)), sensitiveIds: new Set(rows.filter((r) => r.markingRank >= RANKS["OFFICIAL-SENSITIVE"]).map((r) => r.id)) };
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((id) => b.has(id));

/** Opens the board's feed for the actor (NotFoundError when they may not read the board). */
export async function openBoardEventStream(
  ctx: PolicyCtx,
  input: { boardId: string; signal?: AbortSignal; timing?: Partial<BoardStreamTiming>; recheck?: (now: Date) => Promise<AppAbility | null> },
): Promise<Response> {
  const { board } = await readableBoard(ctx, input.boardId);
  const timing = { ...DEFAULT_TIMING, ...input.timing };
  const recheck = input.recheck ?? ((now: Date) => watcherAbility(ctx.db, ctx.actor, board.id, now));
  // What the viewer may see, and which cards this feed knows they were shown.
  // The board view the page loaded recorded the consultation of the sensitive cards it showed
  // (getBoard); the feed records each sensitive card it shows that the viewer had not been shown
  // as such, once per feed, as a further consultation.
  let ability = ctx.ability;
  const initial = await visibleCards(ctx.db, ability, board.id);
  let shown = initial.ids;
  const consulted = initial.sensitiveIds;
  const encoder = new TextEncoder();
  let close: () => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let isClosed = false;
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      // One change at a time, in order: a card's later state is never overtaken by its earlier one.
      let queue = Promise.resolve();
      const enqueue = (work: () => Promise<void>) => {
        queue = queue
          .then(() => (isClosed ? undefined : work()))
          .catch((err: unknown) => {
            console.error(`[${ctx.requestId}] board feed failed; closing it`, err);
            close();
          });
      };

      const sendCard = async (signal: BoardSignal & { type: "card" }) => {
        // A move of a card the viewer has: its new place is all they need (one slim row).
        if (signal.isMoveOnly && shown.has(signal.cardId)) {
          const place = cardPlaceFor(ability, await sharedCardPlace(ctx.db, signal.cardId, signal.sequence));
          if (place) send(event("card-moved", { type: "card-moved", ...place }));
          else if (shown.delete(signal.cardId)) send(event("card-removed", { type: "card-removed", cardId: signal.cardId }));
          return;
        }
        const snapshot = await sharedCardSnapshot(ctx.db, signal.cardId, signal.sequence);
        const view = snapshot && snapshot.row.boardId === board.id ? cardViewFor(ability, snapshot) : null;
        if (view) {
          shown.add(view.id);
          if (view.markingRank >= RANKS["OFFICIAL-SENSITIVE"] && !consulted.has(view.id)) {
            await auditShown(view);
            consulted.add(view.id);
          }
          send(event("card", { type: "card", card: view }));
        } else if (shown.delete(signal.cardId)) {
          send(event("card-removed", { type: "card-removed", cardId: signal.cardId }));
        }
      };
      const auditShown = (view: CardView) =>
        recordAudit(
          { ...ctx, now: new Date() },
          {
            action: "board.read",
            subjectType: "board",
            subjectId: board.id,
            spaceId: board.spaceId,
            markingBefore: view.marking,
            details: { sensitiveCardIds: [view.id], live: true },
          },
        );

      // Rebuilds the ability; ends the feed when access is lost, and asks the page to refetch
      // when what the viewer may see has changed (or, after a signal, may have).
      const reauthorize = async (isSignalled: boolean) => {
        const fresh = await recheck(new Date());
        if (!fresh) {
          // Tell the page why the feed ends, so it can check the board (and show the 404) at once.
          send(event("access-lost", { type: "access-lost" }));
          close();
          return;
        }
        ability = fresh;
        const visible = (await visibleCards(ctx.db, ability, board.id)).ids;
        const isChanged = !sameSet(visible, shown);
        shown = visible;
        if (isChanged || isSignalled) send(BOARD_CHANGED_EVENT);
      };

      const stopListening = onBoardChanged(board.id, (signal) => {
        if (signal.type === "card") enqueue(() => sendCard(signal));
        else if (signal.type === "briefings") enqueue(async () => send(BRIEFINGS_CHANGED_EVENT));
        else
          enqueue(async () => {
            shown = (await visibleCards(ctx.db, ability, board.id)).ids;
            send(BOARD_CHANGED_EVENT);
          });
      });
      let isRecheckQueued = false;
      const recheckSoon = (isSignalled: boolean) => {
        if (isRecheckQueued) return;
        isRecheckQueued = true;
        enqueue(async () => {
          isRecheckQueued = false;
          await reauthorize(isSignalled);
        });
      };
      const stopWatchingAccess = watchAccessChanges(() => recheckSoon(true));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), timing.heartbeatMs);
      const recheckTimer = setInterval(() => recheckSoon(false), timing.recheckMs);
      close = () => {
        if (isClosed) return;
        isClosed = true;
        stopListening();
        stopWatchingAccess();
        clearInterval(heartbeat);
        clearInterval(recheckTimer);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      input.signal?.addEventListener("abort", () => close(), { once: true });
      // The retry hint and a first comment, so that the browser knows the feed is open.
      send("retry: 3000\n: open\n\n");
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
