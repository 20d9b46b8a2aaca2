/**
 * Comments on the demo scenario's documents: threads opened on a range with a first comment,
 * replies, resolve and reopen, editing and deleting one's own, each audited in the same
 * transaction; a reader refused writing (403) but reading; someone who may not read the document
 * answered exactly as for a missing thread (404), the refusal audited; mentions of people who
 * may not read it refused; suggestions trimmed to readers; malformed anchors and empty or oversize
 * bodies refused with their reason and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildMembership, buildSpace, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { onCommentsChanged } from "../collab/comments-signal";
import { seedDocumentContent } from "../collab/seed-document-content";
import { CONTENT_FIELD, yDocFromState } from "../collab/yjs-content";
import { createCommentThread, type CreateCommentThreadInput } from "./create-comment-thread";
import { deleteComment } from "./delete-comment";
import { editComment } from "./edit-comment";
import { listCommentThreads } from "./list-comment-threads";
import { replyToCommentThread } from "./reply-to-comment-thread";
import { resolveCommentThread } from "./resolve-comment-thread";
import { suggestMentionCandidates } from "./suggest-mention-candidates";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const log = () => s.documentId("Investigation log");
const press = () => s.documentId("Press lines");

/** Every "comments changed" nudge sent to the collaboration server, by document id. */
const nudges: string[] = [];
beforeAll(async () => {
  await seedDocumentContent(db);
  onCommentsChanged((documentId) => nudges.push(documentId));
});
afterAll(() => onCommentsChanged(undefined));

/** A real anchor: relative positions (as the editor makes them) around the first 10 characters of the document's first text. */
async function anchorIn(documentId: string) {
  const [row] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, documentId));
  const doc = yDocFromState(row!.state);
  const first = doc.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement;
  const text = first.get(0) as Y.XmlText;
  return {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 0)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 9)),
  };
}

async function openThread(email: string, overrides: Partial<CreateCommentThreadInput> = {}) {
  const documentId = overrides.documentId ?? log();
  return createCommentThread(await ctxOf(email), { documentId, anchor: await anchorIn(documentId), quote: "Decisions", body: "Is this the latest?", ...overrides });
}

const threadCount = async (documentId: string) => (await db.select({ n: count() }).from(t.commentThreads).where(eq(t.commentThreads.documentId, documentId)))[0]!.n;
const commentCount = async () => (await db.select({ n: count() }).from(t.comments))[0]!.n;
const auditsOf = (requestId: string) => db.select().from(t.auditEvents).where(eq(t.auditEvents.requestId, requestId));
const threadOf = async (email: string, documentId: string, threadId: string) => (await listCommentThreads(await ctxOf(email), { documentId })).threads.find((th) => th.id === threadId);

async function asReader<T>(email: string, spaceName: string, run: () => Promise<T>): Promise<T> {
  const where = and(eq(t.spaceMembers.spaceId, s.spaceId(spaceName)), eq(t.spaceMembers.userId, s.userId(email)));
  const [before] = await db.select().from(t.spaceMembers).where(where);
  await db.update(t.spaceMembers).set({ role: "reader" }).where(where);
  try {
    return await run();
  } finally {
    await db.update(t.spaceMembers).set({ role: before!.role }).where(where);
  }
}

describe("comment threads", () => {
  it("Priya opens a thread mentioning Alex; Alex (DOR) sees it with names and agencies; audited in the same transaction", async () => {
    const priya = await ctxOf(PRIYA);
    const before = nudges.length;
    const { id, commentId } = await createCommentThread(priya, {
      documentId: log(),
      anchor: await anchorIn(log()),
      quote: "  Decisions\n",
      body: "  @DC Alex Morgan can Dorset confirm the ANPR window?  ",
      mentionIds: [s.userId(ALEX)],
    });
    expect(nudges.slice(before)).toEqual([log()]);

    const thread = await threadOf(ALEX, log(), id);
    expect(thread).toMatchObject({
      quote: "Decisions",
      createdBy: { name: "DS Priya Shah", agency: { code: "DCP", name: "Devon & Cornwall Police" } },
      resolvedAt: null,
      permissions: { canReply: true, canResolve: true },
      comments: [
        {
          id: commentId,
          body: "@DC Alex Morgan can Dorset confirm the ANPR window?",
          author: { name: "DS Priya Shah", agency: { code: "DCP" } },
          mentions: [{ id: s.userId(ALEX), name: "DC Alex Morgan" }],
          isDeleted: false,
          editedAt: null,
          // Alex may reply, but Priya's comment is hers to change.
          permissions: { canEdit: false, canDelete: false },
        },
      ],
    });
    // The anchor comes back as it was stored, for the editor to resolve against the live document.
    expect(thread!.anchor).toEqual(await anchorIn(log()));
    // Mentioned people by name only.
    expect(Object.keys(thread!.comments[0]!.mentions[0]!).sort()).toEqual(["id", "name"]);
    expect((await threadOf(PRIYA, log(), id))!.comments[0]!.permissions).toEqual({ canEdit: true, canDelete: true });

    const [event] = (await auditsOf(priya.requestId)).filter((e) => e.action === "comment.create");
    expect(event).toMatchObject({
      outcome: "success",
      subjectType: "comment_thread",
      subjectId: id,
      spaceId: s.spaceId("Operation Kestrel"),
      markingBefore: "OFFICIAL-SENSITIVE PERSONAL DATA",
      actorUserId: s.userId(PRIYA),
    });
    expect(event!.details).toEqual({ documentId: log(), commentId, mentionIds: [s.userId(ALEX)] });
    // The audit trail says a comment was made, never what it says.
    expect(JSON.stringify(event)).not.toContain("ANPR");
  });

  it("Alex replies, Tom resolves and Alex reopens; a resolved thread takes no reply; each change audited once", async () => {
    const { id } = await openThread(PRIYA);
    const alex = await ctxOf(ALEX);
    const reply = await replyToCommentThread(alex, { threadId: id, body: "Confirmed: 20:00 to 23:00.", mentionIds: [s.userId(PRIYA)] });
    expect((await auditsOf(alex.requestId)).map((e) => [e.action, e.subjectId, (e.details as { commentId?: string }).commentId])).toContainEqual(["comment.reply", id, reply.id]);

    const tom = await ctxOf(TOM);
    const resolved = await resolveCommentThread(tom, { threadId: id, resolved: true });
    expect(resolved).toMatchObject({ id, resolvedBy: s.userId(TOM) });
    // Resolving again changes nothing and records nothing (beyond the consultation of the document).
    const again = await ctxOf(TOM);
    await resolveCommentThread(again, { threadId: id, resolved: true });
    expect((await auditsOf(again.requestId)).map((e) => e.action)).toEqual(["document.read"]);

    const seen = await threadOf(PRIYA, log(), id);
    expect(seen).toMatchObject({ resolvedBy: { id: s.userId(TOM), name: "PC Tom Hughes" }, permissions: { canReply: false, canResolve: true } });
    expect(seen!.comments.map((c) => [c.author?.name, c.body])).toEqual([
      ["DS Priya Shah", "Is this the latest?"],
      ["DC Alex Morgan", "Confirmed: 20:00 to 23:00."],
    ]);
    const before = await commentCount();
    await expect(replyToCommentThread(await ctxOf(PRIYA), { threadId: id, body: "One more thing" })).rejects.toBeInstanceOf(ConflictError);
    expect(await commentCount()).toBe(before);

    const reopen = await ctxOf(ALEX);
    expect(await resolveCommentThread(reopen, { threadId: id, resolved: false })).toEqual({ id, resolvedAt: null, resolvedBy: null });
    expect((await auditsOf(reopen.requestId)).map((e) => e.action)).toEqual(["document.read", "comment.reopen"]);
    expect((await auditsOf(tom.requestId)).map((e) => e.action)).toEqual(["document.read", "comment.resolve"]);
    await replyToCommentThread(await ctxOf(PRIYA), { threadId: id, body: "One more thing" });
  });

  it("lets only the author edit or delete a comment, and keeps a deleted comment's place without its text", async () => {
    const { id, commentId } = await openThread(PRIYA, { body: "Draft wording", mentionIds: [s.userId(TOM)] });
    const reply = await replyToCommentThread(await ctxOf(ALEX), { threadId: id, body: "Dorset view: fine" });

    await expect(editComment(await ctxOf(ALEX), { commentId, body: "Alex rewrote this" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteComment(await ctxOf(TOM), { commentId })).rejects.toBeInstanceOf(ForbiddenError);
    // Not even the space owner deletes someone else's.
    await expect(deleteComment(await ctxOf(PRIYA), { commentId: reply.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await threadOf(PRIYA, log(), id))!.comments.map((c) => c.body)).toEqual(["Draft wording", "Dorset view: fine"]);

    const priya = await ctxOf(PRIYA);
    const edited = await editComment(priya, { commentId, body: "Final wording", mentionIds: [] });
    expect(edited.editedAt).toBe(priya.now.toISOString());
    expect((await auditsOf(priya.requestId)).map((e) => e.action)).toContain("comment.edit");

    const alex = await ctxOf(ALEX);
    await deleteComment(alex, { commentId: reply.id });
    expect((await auditsOf(alex.requestId)).map((e) => e.action)).toContain("comment.delete");
    const [stored] = await db.select().from(t.comments).where(eq(t.comments.id, reply.id));
    expect(stored).toMatchObject({ body: "", mentionIds: [] });
    expect(stored!.deletedAt).not.toBeNull();

    const thread = await threadOf(TOM, log(), id);
    expect(thread!.comments).toMatchObject([
      { body: "Final wording", mentions: [], editedAt: edited.editedAt, isDeleted: false },
      { body: "", isDeleted: true, author: { name: "DC Alex Morgan" }, permissions: { canEdit: false, canDelete: false } },
    ]);
    await expect(editComment(await ctxOf(ALEX), { commentId: reply.id, body: "Back again" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets a reader read the threads but refuses them commenting, replying and resolving (403), storing nothing", async () => {
    const { id, commentId } = await openThread(PRIYA);
    await asReader(TOM, "Operation Kestrel", async () => {
      const tom = await ctxOf(TOM);
      const list = await listCommentThreads(tom, { documentId: log() });
      expect(list.permissions).toEqual({ canComment: false });
      expect(list.threads.find((th) => th.id === id)!.permissions).toEqual({ canReply: false, canResolve: false });
      const threads = await threadCount(log());
      const comments = await commentCount();
      await expect(createCommentThread(tom, { documentId: log(), anchor: await anchorIn(log()), body: "Reader's note" })).rejects.toMatchObject({ status: 403, message: "You can read this document but not comment on it" });
      await expect(replyToCommentThread(tom, { threadId: id, body: "Reader's reply" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(resolveCommentThread(tom, { threadId: id, resolved: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(suggestMentionCandidates(tom, { documentId: log(), query: "" })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await threadCount(log())).toBe(threads);
      expect(await commentCount()).toBe(comments);
      expect((await threadOf(PRIYA, log(), id))!.resolvedAt).toBeNull();
    });
    // And a comment Tom wrote while a member is no longer his to change once he is a reader.
    const mine = await replyToCommentThread(await ctxOf(TOM), { threadId: id, body: "Tom's reply" });
    await asReader(TOM, "Operation Kestrel", async () => {
      await expect(editComment(await ctxOf(TOM), { commentId: mine.id, body: "changed" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteComment(await ctxOf(TOM), { commentId: mine.id })).rejects.toBeInstanceOf(ForbiddenError);
    });
    expect(commentId).toBeTruthy();
  });

  it("answers someone who may not read the document exactly as for a missing thread or comment, and audits the refused read", async () => {
    const { id, commentId } = await openThread(PRIYA);
    const before = await threadCount(log());
    // Mark's vetting has expired: the investigation log is hidden from him.
    for (const email of [MARK, HELEN]) {
      const ctx = await ctxOf(email);
      await expect(listCommentThreads(ctx, { documentId: log() })).rejects.toBeInstanceOf(NotFoundError);
      await expect(createCommentThread(ctx, { documentId: log(), anchor: await anchorIn(log()), body: "hello" })).rejects.toBeInstanceOf(NotFoundError);
      // Even with a body that would be refused: the document is judged first.
      await expect(createCommentThread(ctx, { documentId: log(), anchor: {}, body: "" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(replyToCommentThread(ctx, { threadId: id, body: "hello" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(resolveCommentThread(ctx, { threadId: id, resolved: true })).rejects.toBeInstanceOf(NotFoundError);
      await expect(editComment(ctx, { commentId, body: "hello" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteComment(ctx, { commentId })).rejects.toBeInstanceOf(NotFoundError);
      await expect(suggestMentionCandidates(ctx, { documentId: log(), query: "" })).rejects.toBeInstanceOf(NotFoundError);
      const denied = (await auditsOf(ctx.requestId)).filter((e) => e.action === "document.read");
      expect(denied.length).toBeGreaterThanOrEqual(1);
      expect(denied.every((e) => e.outcome === "denied" && e.subjectId === log())).toBe(true);
    }
    const mark = await ctxOf(MARK);
    const hidden = await replyToCommentThread(mark, { threadId: id, body: "x" }).catch((e: unknown) => e);
    const missing = await replyToCommentThread(mark, { threadId: MISSING_ID, body: "x" }).catch((e: unknown) => e);
    const malformed = await replyToCommentThread(mark, { threadId: "not-a-uuid", body: "x" }).catch((e: unknown) => e);
    for (const e of [hidden, missing, malformed]) expect(e).toMatchObject({ status: 404, code: "not_found", message: (missing as Error).message });
    expect(await threadCount(log())).toBe(before);
    expect((await threadOf(PRIYA, log(), id))!.resolvedAt).toBeNull();
  });
});

describe("mentions", () => {
  it("refuses a mention of someone who cannot read the document, naming them only when they are in its space; nothing stored", async () => {
    const threads = await threadCount(log());
    const comments = await commentCount();
    await expect(openThread(PRIYA, { mentionIds: [s.userId(MARK)] })).rejects.toMatchObject({
      status: 400,
      message: "PC Mark Ellis cannot read this document, so cannot be mentioned in its comments. Remove the mention and try again.",
    });
    // Helen is in no space of Kestrel's: her name is not Priya's to learn through this check.
    await expect(openThread(PRIYA, { mentionIds: [s.userId(ALEX), s.userId(HELEN)] })).rejects.toMatchObject({
      message: "One person you mentioned cannot read this document, so cannot be mentioned in its comments. Remove the mention and try again.",
    });
    await expect(openThread(PRIYA, { mentionIds: [MISSING_ID, s.userId(MARK)] })).rejects.toMatchObject({ message: expect.stringMatching(/^PC Mark Ellis and one person you mentioned cannot read/) });
    const { id } = await openThread(PRIYA);
    await expect(replyToCommentThread(await ctxOf(ALEX), { threadId: id, body: "cc Mark", mentionIds: [s.userId(MARK)] })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await threadCount(log())).toBe(threads + 1);
    expect(await commentCount()).toBe(comments + 1);
    // Mark reads the press lines (OFFICIAL), so there he may be mentioned.
    await expect(openThread(PRIYA, { documentId: press(), mentionIds: [s.userId(MARK)] })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("suggests only people who may read the document, by name, never the person asking", async () => {
    const names = async (email: string, documentId: string, query: string) => (await suggestMentionCandidates(await ctxOf(email), { documentId, query })).items.map((p) => p.name);
    // Kestrel's members are Priya, Tom, Mark and Alex; Mark's expired vetting hides the log from him.
    expect(await names(PRIYA, log(), "")).toEqual(["DC Alex Morgan", "PC Tom Hughes"]);
    expect(await names(PRIYA, log(), "mar")).toEqual([]);
    expect(await names(PRIYA, log(), "@tom")).toEqual(["PC Tom Hughes"]);
    expect(await names(PRIYA, press(), "")).toEqual(["DC Alex Morgan", "PC Mark Ellis", "PC Tom Hughes"]);
    expect(await names(ALEX, log(), "")).toEqual(["DS Priya Shah", "PC Tom Hughes"]);
    // LIKE's wildcards match as typed.
    expect(await names(PRIYA, log(), "%")).toEqual([]);
    const [alex] = (await suggestMentionCandidates(await ctxOf(PRIYA), { documentId: log(), query: "alex" })).items;
    expect(alex).toEqual({ id: s.userId(ALEX), name: "DC Alex Morgan", agency: { code: "DOR", name: "Dorset Police" } });
  });

  it("offers at most ten, and nobody disabled", async () => {
    const dcp = s.agencyId("DCP");
    const space = await buildSpace(db, { ownerAgencyId: dcp, ceilingMarking: "OFFICIAL" });
    const owner = await buildUser(db, { agencyId: dcp, name: "Owner of the test space" });
    await buildMembership(db, { spaceId: space.id, userId: owner.id, role: "owner" });
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await buildUser(db, { agencyId: dcp, name: `Candidate ${String(i).padStart(2, "0")}` }));
    for (const p of people) await buildMembership(db, { spaceId: space.id, userId: p.id });
    await db.update(t.users).set({ status: "disabled" }).where(eq(t.users.id, people[0]!.id));
    const [doc] = await db.insert(t.documents).values({ spaceId: space.id, owningAgencyId: dcp, title: "Ten at most", marking: "OFFICIAL", markingRank: 1 }).returning();
    const ctx = await policyCtx(db, await buildActor(db, owner.id));
    const { items } = await suggestMentionCandidates(ctx, { documentId: doc!.id, query: "candidate" });
    expect(items.map((p) => p.name)).toEqual(people.slice(1, 11).map((p) => p.name));
    await expect(createCommentThread(ctx, { documentId: doc!.id, anchor: { start: { tname: "default", assoc: 0 }, end: { tname: "default", assoc: 0 } }, body: "hi", mentionIds: [people[0]!.id] })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("input", () => {
  const good = { start: { type: { client: 1, clock: 2 }, item: { client: 1, clock: 3 }, assoc: 0 }, end: { tname: "default", assoc: -1 } };
  it.each([
    ["no anchor", undefined],
    ["an empty object", {}],
    ["a string", "from 1 to 10"],
    ["absolute positions", { start: 1, end: 10 }],
    ["a position naming no type", { ...good, start: { item: { client: 1, clock: 3 }, assoc: 0 } }],
    ["a position naming two types", { ...good, start: { type: { client: 1, clock: 2 }, tname: "default", assoc: 0 } }],
    ["another root type", { ...good, end: { tname: "secrets", assoc: 0 } }],
    ["a negative client", { ...good, start: { ...good.start, item: { client: -1, clock: 3 } } }],
    ["a fractional clock", { ...good, start: { ...good.start, item: { client: 1, clock: 3.5 } } }],
    ["a clock given as text", { ...good, start: { ...good.start, item: { client: 1, clock: "3" } } }],
    ["an assoc out of range", { ...good, end: { tname: "default", assoc: 7 } }],
    ["no assoc", { ...good, end: { tname: "default" } }],
    ["an extra key", { ...good, start: { ...good.start, html: "<b>x</b>" } }],
    ["an extra key on the anchor", { ...good, note: "x" }],
    ["no end", { start: good.start }],
  ])("refuses an anchor that is %s, with the reason, storing nothing", async (_label, anchor) => {
    const threads = await threadCount(log());
    const error = await createCommentThread(await ctxOf(PRIYA), { documentId: log(), anchor: anchor as never, body: "A comment" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/^The place in the document this comment is anchored to is not valid \(.+\)\. Select the text again\.$/);
    expect(await threadCount(log())).toBe(threads);
  });

  it.each([
    ["empty", "", "Write a comment first: it cannot be empty"],
    ["only spaces", "   \n\t ", "Write a comment first: it cannot be empty"],
    ["over 4,000 characters", "x".repeat(4001), "A comment has at most 4,000 characters"],
    ["holding a control character", "bell\u0007", "A comment cannot contain control characters"],
    ["holding NUL", "a\u0000b", "A comment cannot contain control characters"],
    ["not text", 42, "Write a comment"],
  ])("refuses a body %s, storing nothing", async (_label, body, message) => {
    const { id, commentId } = await openThread(PRIYA);
    const threads = await threadCount(log());
    const comments = await commentCount();
    await expect(createCommentThread(await ctxOf(PRIYA), { documentId: log(), anchor: good, body: body as string })).rejects.toMatchObject({ status: 400, message });
    await expect(replyToCommentThread(await ctxOf(ALEX), { threadId: id, body: body as string })).rejects.toMatchObject({ status: 400, message });
    await expect(editComment(await ctxOf(PRIYA), { commentId, body: body as string })).rejects.toMatchObject({ status: 400, message });
    expect(await threadCount(log())).toBe(threads);
    expect(await commentCount()).toBe(comments);
    expect((await threadOf(PRIYA, log(), id))!.comments[0]!.body).toBe("Is this the latest?");
  });

  it("keeps a body of exactly 4,000 characters, and markup as the text it is", async () => {
    const long = "y".repeat(4000);
    const { id } = await openThread(PRIYA, { body: long });
    const markup = '<img src=x onerror="alert(1)"> <script>alert(2)</script>';
    const reply = await replyToCommentThread(await ctxOf(ALEX), { threadId: id, body: markup });
    const thread = await threadOf(PRIYA, log(), id);
    expect(thread!.comments.map((c) => c.body)).toEqual([long, markup]);
    expect(reply.threadId).toBe(id);
  });

  it("keeps the first 300 characters of the quote, whitespace folded", async () => {
    const { id } = await openThread(PRIYA, { quote: `Start\n\n${"q".repeat(400)}` });
    const quote = (await threadOf(PRIYA, log(), id))!.quote;
    expect(quote).toHaveLength(300);
    expect(quote.startsWith("Start q")).toBe(true);
    expect(quote.endsWith("…")).toBe(true);
  });

  it("refuses more than 20 mentions, and mentions that are not ids", async () => {
    await expect(openThread(PRIYA, { mentionIds: Array.from({ length: 21 }, () => s.userId(TOM)) })).rejects.toMatchObject({ message: "Mention at most 20 people in one comment" });
    await expect(openThread(PRIYA, { mentionIds: ["Tom"] })).rejects.toMatchObject({ message: "A mention must name a person by their id" });
    // The same person twice is one mention.
    const { commentId } = await openThread(PRIYA, { mentionIds: [s.userId(TOM), s.userId(TOM).toUpperCase()] });
    const [row] = await db.select().from(t.comments).where(inArray(t.comments.id, [commentId]));
    expect(row!.mentionIds).toEqual([s.userId(TOM)]);
  });
});

describe("live update", () => {
  it("nudges the document's open pages after every change that commits, and after nothing that fails", async () => {
    const before = nudges.length;
    const { id, commentId } = await openThread(PRIYA, { documentId: press() });
    await replyToCommentThread(await ctxOf(ALEX), { threadId: id, body: "ok" });
    await resolveCommentThread(await ctxOf(TOM), { threadId: id, resolved: true });
    await resolveCommentThread(await ctxOf(TOM), { threadId: id, resolved: true });
    await resolveCommentThread(await ctxOf(TOM), { threadId: id, resolved: false });
    await editComment(await ctxOf(PRIYA), { commentId, body: "edited" });
    await deleteComment(await ctxOf(PRIYA), { commentId });
    await expect(editComment(await ctxOf(ALEX), { commentId, body: "no" })).rejects.toThrow();
    await expect(openThread(PRIYA, { documentId: press(), body: "" })).rejects.toThrow();
    // Create, reply, resolve, reopen, edit, delete: the repeated resolve changed nothing.
    expect(nudges.slice(before)).toEqual(Array(6).fill(press()));
  });
});
