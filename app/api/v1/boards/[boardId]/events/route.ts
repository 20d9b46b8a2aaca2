import { apiRawRoute } from "@/lib/http/api-route";
import { openBoardEventStream } from "@/lib/boards/board-event-stream";

// Streams for as long as the viewer keeps the page open (and keeps access).
export const dynamic = "force-dynamic";

// GET /api/v1/boards/{boardId}/events: Server-Sent Events, one content-free "board-changed" per change; 404 when the board is invisible.
export const GET = apiRawRoute<{ boardId: string }>(async (ctx, req, { boardId }) => openBoardEventStream(ctx, { boardId, signal: req.signal }));
