/**
 * One changed card, read once for everyone watching its board. When a card changes, every open
 * stream of the board needs it; reading it once per viewer (and the whole board per viewer, as
 * the page used to) made each move cost the database what ten page loads do. So the streams
 * share one read per change (keyed by the change's sequence number), and each decides in
 * memory, with its own viewer's ability, whether the viewer may see the card and which of its
 * links they may follow: the same rules, through `can()`, that the board's SQL filter compiles
 * (policies/to-sql.ts), so a viewer never receives what the board API would not show them.
 *
 * The threat: a shared read reaching a viewer untrimmed. Nothing here is sent anywhere: the
 * snapshot holds raw rows, and `cardViewFor` is the only way out of it, which checks the card
 * and each link target against the viewer's ability and returns null when the card is not theirs.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardAssignees, cardLinks, cards, documents, files, forms, formVersions, submissions, users } from "@/db/schema";
import type { MarkedContentFields, RestrictableFields, SubjectFields } from "@/policies/catalogue";
import type { AppAbility } from "@/policies/ability";
import { can } from "@/policies/authorize";
import { cardSubject, documentSubject, fileSubject, submissionSubject } from "../authz/columns";
import type { CardRow } from "./board-shared";
import { cardViewOf, submissionLinkTitle, type CardLinkView, type CardView } from "./card-view";

/** A link with its target's policy fields: the subject type to check them as goes with the kind. */
type SnapshotLink =
  | (CardLinkView & { kind: "document" | "file"; at: Date; subject: RestrictableFields })
  | (CardLinkView & { kind: "submission"; at: Date; subject: SubjectFields["Submission"] });

/** Whether the viewer may read the link's target, checked as the subject its kind names. */
function mayFollow(ability: AppAbility, link: SnapshotLink): boolean {
  if (link.kind === "submission") return can(ability, "read", "Submission", link.subject);
  return can(ability, "read", link.kind === "document" ? "Document" : "File", link.subject);
}

/** A card as it is after a change (null once it is deleted), with what its view needs. */
export type CardSnapshot = { row: CardRow; assignees: { userId: string; name: string }[]; links: SnapshotLink[] } | null;

/** Reads the card, its assignees and every link with its target's policy fields. */
export async function loadCardSnapshot(db: Db, cardId: string): Promise<CardSnapshot> {
  const [row] = await db.select().from(cards).where(eq(cards.id, cardId)).limit(1);
  if (!row) return null;
  const [assigned, docLinks, fileLinks, submissionLinks] = await Promise.all([
    db.select({ userId: users.id, name: users.name }).from(cardAssignees).innerJoin(users, eq(users.id, cardAssignees.userId)).where(eq(cardAssignees.cardId, cardId)).orderBy(users.name),
    db.select({ link: cardLinks, target: documents }).from(cardLinks).innerJoin(documents, eq(documents.id, cardLinks.documentId)).where(eq(cardLinks.cardId, cardId)),
    db.select({ link: cardLinks, target: files }).from(cardLinks).innerJoin(files, eq(files.id, cardLinks.fileId)).where(eq(cardLinks.cardId, cardId)),
    // The submission's policy fields and what its title needs, never its answers.
    db
      .select({
        link: cardLinks,
        target: {
          id: submissions.id,
          spaceId: submissions.spaceId,
          owningAgencyId: submissions.owningAgencyId,
          markingRank: submissions.markingRank,
          descriptors: submissions.descriptors,
          handling: submissions.handling,
          recipientIds: submissions.recipientIds,
          useOnlyAgencyCodes: submissions.useOnlyAgencyCodes,
          isRestricted: submissions.isRestricted,
          ownerId: submissions.ownerId,
          status: submissions.status,
        },
        formTitle: forms.title,
        owner: users.name,
      })
      .from(cardLinks)
      .innerJoin(submissions, eq(submissions.id, cardLinks.submissionId))
      .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
      .innerJoin(forms, eq(forms.id, formVersions.formId))
      .innerJoin(users, eq(users.id, submissions.ownerId))
      .where(eq(cardLinks.cardId, cardId)),
  ]);
  const links: SnapshotLink[] = [
    ...docLinks.map(({ link, target }) => ({ id: link.id, kind: "document" as const, targetId: target.id, title: target.title, at: link.createdAt, subject: documentSubject(target) })),
    ...fileLinks.map(({ link, target }) => ({ id: link.id, kind: "file" as const, targetId: target.id, title: target.name, at: link.createdAt, subject: fileSubject(target) })),
    ...submissionLinks.map(({ link, target, formTitle, owner }) => ({
      id: link.id,
      kind: "submission" as const,
      targetId: target.id,
      title: submissionLinkTitle(formTitle, owner, target.status),
      at: link.createdAt,
      subject: submissionSubject(target),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  return { row, assignees: assigned, links };
}

/**
 * The card as `ability`'s person may see it (the board API's view of it, links trimmed to what
 * they may read), or null when they may not read it at all (or it is gone).
 */
export function cardViewFor(ability: AppAbility, snapshot: CardSnapshot): CardView | null {
  if (!snapshot || !can(ability, "read", "Card", cardSubject(snapshot.row))) return null;
  const links = snapshot.links
    .filter((l) => mayFollow(ability, l))
    .map(({ id, kind, targetId, title }) => ({ id, kind, targetId, title }));
  return cardViewOf(ability, snapshot.row, snapshot.assignees, links);
}

/** What a move changes of a card, with what the policy decides on: all a viewer who has the card needs after a move. */
export type CardPlace = Pick<CardRow, "id" | "boardId" | "columnId" | "position" | "updatedAt" | keyof MarkedContentFields>;

/** Reads the card's place (null once it is deleted): one row, no text, no extras. */
export async function loadCardPlace(db: Db, cardId: string): Promise<CardPlace | null> {
  const [row] = await db
    .select({
      id: cards.id,
      boardId: cards.boardId,
      columnId: cards.columnId,
      position: cards.position,
      updatedAt: cards.updatedAt,
      spaceId: cards.spaceId,
      owningAgencyId: cards.owningAgencyId,
      markingRank: cards.markingRank,
      descriptors: cards.descriptors,
      handling: cards.handling,
      recipientIds: cards.recipientIds,
      useOnlyAgencyCodes: cards.useOnlyAgencyCodes,
    })
    .from(cards)
    .where(eq(cards.id, cardId))
    .limit(1);
  return row ?? null;
}

/** The card's new place as `ability`'s person may see it, or null when they may not read the card (or it is gone). */
export function cardPlaceFor(ability: AppAbility, place: CardPlace | null): { cardId: string; columnId: string; position: string; updatedAt: string } | null {
  if (!place || !can(ability, "read", "Card", cardSubject(place))) return null;
  return { cardId: place.id, columnId: place.columnId, position: place.position, updatedAt: place.updatedAt.toISOString() };
}

const SHARED = Symbol.for("accord.boards.cardSnapshots");
type Shared = { [SHARED]?: Map<string, { sequence: number; read: Promise<unknown> }> };

/**
 * One read per change for everyone told of it: the first stream to ask makes it, the others told
 * of the same change (the same sequence number) get the same promise; a later change is a new
 * read. Only the latest read per card and kind is kept, and only for a few seconds (the streams
 * ask at once).
 */
function shared<T>(key: string, sequence: number, read: () => Promise<T>): Promise<T> {
  const registry = globalThis as Shared;
  const map = (registry[SHARED] ??= new Map());
  const cached = map.get(key);
  if (cached && cached.sequence === sequence) return cached.read as Promise<T>;
  const promise = read();
  map.set(key, { sequence, read: promise });
  const forget = () => {
    const timer = setTimeout(() => {
      if (map.get(key)?.read === promise) map.delete(key);
    }, 5_000);
    timer.unref?.();
  };
  promise.then(forget, forget);
  return promise;
}

/** The snapshot of the card after the change numbered `sequence`, read once for every stream. */
export function sharedCardSnapshot(db: Db, cardId: string, sequence: number): Promise<CardSnapshot> {
  return shared(`card:${cardId}`, sequence, () => loadCardSnapshot(db, cardId));
}

/** The card's place after the move numbered `sequence`, read once for every stream. */
export function sharedCardPlace(db: Db, cardId: string, sequence: number): Promise<CardPlace | null> {
  return shared(`place:${cardId}`, sequence, () => loadCardPlace(db, cardId));
}
