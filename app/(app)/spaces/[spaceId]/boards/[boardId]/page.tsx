import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getBoard } from "@/lib/boards/get-board";
import { listSpaceMembers } from "@/lib/spaces/list-space-members";
import { NotFoundError } from "@/lib/errors";
import { orNotFound } from "../../../../../ui/not-found-on-error";
import { AccessWatch } from "../../../../../ui/access-watch";
import { BoardClient } from "./board-client";
import { listBriefings } from "@/lib/briefings/list-briefings";
import { submissionLinkTitle } from "@/lib/boards/card-view";
import { listSpaceSubmissions } from "@/lib/submissions/list-space-submissions";
import { BriefingsPanel } from "./briefings-panel";

type Props = { params: Promise<{ spaceId: string; boardId: string }> };

// Generic on purpose: a page title must not reveal whether a board exists.
export const metadata = { title: "Board" };

/**
 * A tasking board: its columns and the cards this person may see, between marking banners
 * showing the highest marking on the page (the space's default when no card is shown). A board
 * of another space under this space's address is a 404, as is one the person may not see.
 */
export default async function BoardPage({ params }: Props) {
  const { spaceId, boardId } = await params;
  const ctx = await requireActorContext();
  const board = await orNotFound(async () => {
    const found = await getBoard(ctx, { boardId });
    if (found.space.id !== spaceId) throw new NotFoundError();
    return found;
  });
  const members = (await listSpaceMembers(ctx, { spaceId })).map((m) => ({ userId: m.userId, name: m.name, agencyName: m.agencyName }));
  // The space's submissions this person may read, offered as card links (there is no API list
  // of a space's submissions to fetch them from), and only to someone who may edit a card here.
  const mayLink = board.permissions.canCreateCards || board.columns.some((c) => c.cards.some((k) => k.permissions.canUpdate));
  const submissions = mayLink
    ? (await listSpaceSubmissions(ctx, { spaceId: board.space.id, limit: 100 })).items.map((x) => ({ id: x.id, title: submissionLinkTitle(x.formTitle, x.owner, x.status), marking: x.marking }))
    : [];
  const banner = (position: "top" | "bottom") => (
    <div className="marking-banner" data-rank={board.highestMarking.rank} role="note" aria-label={`Board marking (${position})`}>
      {board.highestMarking.marking}
      <small>The highest marking of the cards on this page. Handle accordingly.</small>
    </div>
  );
  return (
    <AccessWatch url={`/api/v1/boards/${board.id}`} what="board">
      <p className="meta">
        <Link href="/spaces">Spaces</Link> / <Link href={`/spaces/${board.space.id}`}>{board.space.name}</Link> / {board.title}
      </p>
      {banner("top")}
      <div style={{ padding: "1rem 0" }}>
        <h1>{board.title}</h1>
        <p className="meta">
          Cards above your vetting, or that no sharing agreement lets reach you, are not shown or counted. Changes by others appear as they happen.
        </p>
        <BriefingsPanel boardId={board.id} initial={await listBriefings(ctx, { boardId: board.id })} />
        <BoardClient initial={board} members={members} submissions={submissions} />
      </div>
      {banner("bottom")}
    </AccessWatch>
  );
}
