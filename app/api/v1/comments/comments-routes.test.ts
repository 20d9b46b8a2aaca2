/**
 * The comment routes through the real API wrapper (lib/http/api-route.ts) on a real database, as
 * a client sees them: statuses and error bodies with a personal access token or the browser
 * session; a cookie-authenticated change from another site refused (CSRF), a text/plain body
 * refused; invisible documents, threads and comments answered exactly like missing ones, and the
 * rows unchanged. Only the request-scoped pieces of Next.js are stood in for (the cookie session,
 * the process's database handle), as in files-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { listCommentThreads } from "@/lib/comments/list-comment-threads";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const threadsRoute = await import("@/app/api/v1/documents/[documentId]/comments/route");
const candidatesRoute = await import("@/app/api/v1/documents/[documentId]/mention-candidates/route");
const threadRoute = await import("@/app/api/v1/comment-threads/[threadId]/route");
const repliesRoute = await import("@/app/api/v1/comment-threads/[threadId]/comments/route");
const commentRoute = await import("@/app/api/v1/comments/[commentId]/route");

let s: SeededScenario;

const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";
const MARK = "mark.ellis@dcp.example";
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, ALEX, MARK], (opened) => {
  s = opened.scenario;
});
const log = () => s.documentId("Investigation log");
const anchor = { start: { tname: "default", assoc: 0 }, end: { tname: "default", assoc: 0 } };


const json = (body: unknown, headers: Record<string, string>, method = "POST") => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
/** The threads of the log as Priya (who reads everything of Kestrel) sees them: the rows, through lib/. */
const threadsNow = async () => (await listCommentThreads(await ctxOf(PRIYA), { documentId: log() })).threads;
const commentNow = async (commentId: string) => (await threadsNow()).flatMap((th) => th.comments).find((c) => c.id === commentId);
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

async function openThread(email: string, body = "Check the times") {
  const response = await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor, quote: "Decisions", body }, bearer(email))), params({ documentId: log() }));
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; commentId: string };
}

describe("comment routes", () => {
  it("opens, lists, replies, resolves, edits and deletes through the API with a token", async () => {
    const { id, commentId } = await openThread(PRIYA);
    const listed = await threadsRoute.GET(request(`/documents/${log()}/comments`, { headers: bearer(ALEX) }), params({ documentId: log() }));
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as { permissions: { canComment: boolean }; threads: { id: string; comments: { body: string }[] }[] };
    expect(list.permissions).toEqual({ canComment: true });
    expect(list.threads.find((th) => th.id === id)!.comments.map((c) => c.body)).toEqual(["Check the times"]);

    const reply = await repliesRoute.POST(request(`/comment-threads/${id}/comments`, json({ body: "Done" }, bearer(ALEX))), params({ threadId: id }));
    expect(reply.status).toBe(200);
    const { id: replyId } = (await reply.json()) as { id: string };

    const resolved = await threadRoute.PATCH(request(`/comment-threads/${id}`, json({ resolved: true }, bearer(ALEX), "PATCH")), params({ threadId: id }));
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ id, resolvedBy: s.userId(ALEX) });
    const late = await repliesRoute.POST(request(`/comment-threads/${id}/comments`, json({ body: "Late" }, bearer(PRIYA))), params({ threadId: id }));
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toEqual({ code: "conflict", message: "This thread has been resolved. Reopen it to reply." });

    // Someone else's comment: 403, and unchanged.
    const forged = await commentRoute.PATCH(request(`/comments/${commentId}`, json({ body: "Alex was here" }, bearer(ALEX), "PATCH")), params({ commentId }));
    expect(forged.status).toBe(403);
    expect((await commentNow(commentId))!.body).toBe("Check the times");
    const edited = await commentRoute.PATCH(request(`/comments/${commentId}`, json({ body: "Check the ANPR times" }, bearer(PRIYA), "PATCH")), params({ commentId }));
    expect(edited.status).toBe(200);

    const deleted = await commentRoute.DELETE(request(`/comments/${replyId}`, { method: "DELETE", headers: bearer(ALEX) }), params({ commentId: replyId }));
    expect(deleted.status).toBe(200);
    expect(await commentNow(replyId)).toMatchObject({ isDeleted: true, body: "" });
  });

  it("answers 400 with the reason for a bad body or anchor, and for a body that is not JSON", async () => {
    const empty = await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor, body: " " }, bearer(PRIYA))), params({ documentId: log() }));
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toEqual({ code: "invalid_input", message: "Write a comment first: it cannot be empty" });
    const badAnchor = await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor: { start: 1, end: 2 }, body: "x" }, bearer(PRIYA))), params({ documentId: log() }));
    expect(badAnchor.status).toBe(400);
    expect((await errorOf(badAnchor)).message).toMatch(/^The place in the document this comment is anchored to is not valid/);
    const plain = await threadsRoute.POST(
      request(`/documents/${log()}/comments`, { method: "POST", headers: { ...bearer(PRIYA), "content-type": "text/plain" }, body: JSON.stringify({ anchor, body: "x" }) }),
      params({ documentId: log() }),
    );
    expect(plain.status).toBe(400);
    expect((await errorOf(plain)).code).toBe("invalid_input");
    const broken = await threadsRoute.POST(request(`/documents/${log()}/comments`, { method: "POST", headers: { ...bearer(PRIYA), "content-type": "application/json" }, body: "{ not json" }), params({ documentId: log() }));
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).message).toMatch(/^The body is not valid JSON/);
    // A body far beyond any comment is refused before it is read in full, declared or not.
    const huge = JSON.stringify({ anchor, body: "x".repeat(200_000) });
    const declared = await threadsRoute.POST(request(`/documents/${log()}/comments`, json(JSON.parse(huge), bearer(PRIYA))), params({ documentId: log() }));
    expect(declared.status).toBe(413);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new TextEncoder().encode(sent === 16 * 1024 ? `{"body":"${"y".repeat(16 * 1024 - 9)}` : "y".repeat(16 * 1024)));
      },
    });
    const init = { method: "POST", headers: { ...bearer(PRIYA), "content-type": "application/json" }, body: endless, duplex: "half" };
    const chunked = await threadsRoute.POST(request(`/documents/${log()}/comments`, init as ConstructorParameters<typeof NextRequest>[1]), params({ documentId: log() }));
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(256 * 1024);
  });

  it("answers someone who may not read the document exactly as for missing ids, and changes nothing", async () => {
    const { id, commentId } = await openThread(PRIYA);
    const missing = await (await threadsRoute.GET(request(`/documents/${MISSING_ID}/comments`, { headers: bearer(MARK) }), params({ documentId: MISSING_ID }))).text();
    expect(JSON.parse(missing)).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const responses = [
      await threadsRoute.GET(request(`/documents/${log()}/comments`, { headers: bearer(MARK) }), params({ documentId: log() })),
      await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor, body: "x" }, bearer(MARK))), params({ documentId: log() })),
      await candidatesRoute.GET(request(`/documents/${log()}/mention-candidates?q=a`, { headers: bearer(MARK) }), params({ documentId: log() })),
      await threadRoute.PATCH(request(`/comment-threads/${id}`, json({ resolved: true }, bearer(MARK), "PATCH")), params({ threadId: id })),
      await repliesRoute.POST(request(`/comment-threads/${id}/comments`, json({ body: "x" }, bearer(MARK))), params({ threadId: id })),
      await commentRoute.PATCH(request(`/comments/${commentId}`, json({ body: "x" }, bearer(MARK), "PATCH")), params({ commentId })),
      await commentRoute.DELETE(request(`/comments/${commentId}`, { method: "DELETE", headers: bearer(MARK) }), params({ commentId })),
      await threadRoute.PATCH(request(`/comment-threads/${MISSING_ID}`, json({ resolved: true }, bearer(PRIYA), "PATCH")), params({ threadId: MISSING_ID })),
      await commentRoute.DELETE(request(`/comments/not-a-uuid`, { method: "DELETE", headers: bearer(PRIYA) }), params({ commentId: "not-a-uuid" })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missing);
    }
    const thread = (await threadsNow()).find((th) => th.id === id)!;
    expect(thread.resolvedAt).toBeNull();
    expect(thread.comments.map((c) => [c.id, c.body, c.isDeleted])).toEqual([[commentId, "Check the times", false]]);
  });

  it("suggests people who may read the document", async () => {
    const response = await candidatesRoute.GET(request(`/documents/${log()}/mention-candidates?q=o`, { headers: bearer(PRIYA) }), params({ documentId: log() }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(["DC Alex Morgan", "PC Tom Hughes"]);
  });

  it("answers 401 without a session or token", async () => {
    const response = await threadsRoute.GET(request(`/documents/${log()}/comments`), params({ documentId: log() }));
    expect(response.status).toBe(401);
  });

  it("refuses a cookie-authenticated change from another site (CSRF) and accepts one from Accord's own pages", async () => {
    stand.cookieCtx = await ctxOf(PRIYA);
    try {
      const before = (await threadsNow()).length;
      for (const headers of [{}, { origin: "https://evil.example" }, { origin: BASE, "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
        const response = await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor, body: "forged" }, headers)), params({ documentId: log() }));
        expect(response.status).toBe(403);
        expect((await errorOf(response)).code).toBe("cross_origin");
      }
      expect((await threadsNow()).length).toBe(before);
      const same = await threadsRoute.POST(request(`/documents/${log()}/comments`, json({ anchor, body: "mine" }, { origin: BASE, "sec-fetch-site": "same-origin" })), params({ documentId: log() }));
      expect(same.status).toBe(200);
      // Reading with the cookie needs no Origin.
      expect((await threadsRoute.GET(request(`/documents/${log()}/comments`), params({ documentId: log() }))).status).toBe(200);
    } finally {
      stand.cookieCtx = null;
    }
  });
});
