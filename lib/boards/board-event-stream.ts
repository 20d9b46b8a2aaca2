/**
 * The live feed of one board: Server-Sent Events (`text/event-stream`) telling an open board
 * page that the board changed, so that it refetches the board through the API as its viewer.
 *
 * The threats, and what answers each: a feed that outlives the viewer's access (their
 * membership removed, their vetting lapsed, the session revoked or timed out) is re-checked
 * every 30 s against the database, as a new request would be judged, and ends when access is
 * lost; a feed that leaks content carries none: every event is `{"type":"board-changed"}`,
 * with no ids, titles or counts, so nothing above anyone's vetting can travel on it (the refetch
 * goes through the permission-trimmed API). Opening it is a read of the board (404 when
 * invisible, like the board itself). A comment line every 15 s keeps proxies from closing an
 * idle connection. Events from this process only: cross-instance fan-out is a later step.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessTokens, agencies, boards, sessions, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { Actor } from "../auth/actor";
import { toActor } from "../auth/resolve-actor";
import { buildAbility } from "../authz/build-ability";
import { boardSubject } from "../authz/columns";
import type { PolicyCtx } from "../context";
import { env } from "../env";
import { onBoardChanged } from "./board-events";
import { readableBoard } from "./board-shared";

/** The one event a board feed sends. */
export const BOARD_CHANGED_EVENT = `event: board-changed\ndata: ${JSON.stringify({ type: "board-changed" })}\n\n`;

export type BoardStreamTiming = { heartbeatMs: number; recheckMs: number };
const DEFAULT_TIMING: BoardStreamTiming = { heartbeatMs: 15_000, recheckMs: 30_000 };

/**
 * True while the actor could still open the board: their session (or personal access token)
 * still valid, without extending it (an open tab must not keep a session alive past its idle
 * timeout), their account and agency active, and the policy rebuilt from the database letting
 * them read the board.
 */
export async function mayStillWatchBoard(db: Db, actor: Actor, boardId: string, now: Date): Promise<boolean> {
  if (actor.sessionToken.startsWith("pat:")) {
    const [token] = await db.select().from(accessTokens).where(and(eq(accessTokens.id, actor.sessionToken.slice(4)), isNull(accessTokens.revokedAt))).limit(1);
    if (!token || (token.expiresAt && token.expiresAt.getTime() <= now.getTime())) return false;
  } else {
    const [session] = await db.select().from(sessions).where(and(eq(sessions.sessionToken, actor.sessionToken), isNull(sessions.revokedAt))).limit(1);
    if (!session || session.expires.getTime() <= now.getTime()) return false;
    if (session.lastSeenAt.getTime() + env().sessionIdleMinutes * 60_000 <= now.getTime()) return false;
  }
  const [row] = await db.select({ user: users, agency: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, actor.userId)).limit(1);
  if (!row || row.user.status !== "active" || row.agency.status !== "active") return false;
  const [board] = await db.select().from(boards).where(eq(boards.id, boardId)).limit(1);
  if (!board) return false;
  const fresh = toActor(row.user, row.agency, actor.sessionToken, now);
  return can(await buildAbility(db, fresh, now), "read", "Board", boardSubject(board));
}

/** Opens the board's feed for the actor (NotFoundError when they may not read the board). */
export async function openBoardEventStream(
  ctx: PolicyCtx,
  input: { boardId: string; signal?: AbortSignal; timing?: Partial<BoardStreamTiming>; recheck?: (now: Date) => Promise<boolean> },
): Promise<Response> {
  const { board } = await readableBoard(ctx, input.boardId);
  const timing = { ...DEFAULT_TIMING, ...input.timing };
  const recheck = input.recheck ?? ((now: Date) => mayStillWatchBoard(ctx.db, ctx.actor, board.id, now));
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
      const stopListening = onBoardChanged(board.id, () => send(BOARD_CHANGED_EVENT));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), timing.heartbeatMs);
      let isChecking = false;
      const recheckTimer = setInterval(() => {
        if (isChecking) return;
        isChecking = true;
        recheck(new Date())
          .then((isAllowed) => {
            if (isAllowed) return;
            // Tell the page why the feed ends, so it can check the board (and show the 404) at once.
            send(`event: access-lost\ndata: ${JSON.stringify({ type: "access-lost" })}\n\n`);
            close();
          })
          .catch((err: unknown) => {
            console.error(`[${ctx.requestId}] board feed re-check failed; closing it`, err);
            close();
          })
          .finally(() => {
            isChecking = false;
          });
      }, timing.recheckMs);
      close = () => {
        if (isClosed) return;
        isClosed = true;
        stopListening();
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
