"use client";

/**
 * The board page's interactive part: columns of cards, moved by mouse (drag and drop), by the
 * keyboard (dnd-kit's keyboard sensor: focus a card's handle, Space to lift, arrows to move,
 * Space to drop, Escape to cancel; every step announced to screen readers) or with plain "Move"
 * buttons. Moves are shown at once and put back if the server refuses them. A live feed
 * (EventSource on /api/v1/boards/{id}/events) sends each card someone changes, already trimmed by
 * the server's policy for this person, or asks the page to refetch the board through the API, so
 * it only ever holds what the server lets this person see. Every control is shown only when the server's booleans allow it; the API checks again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DndContext, KeyboardSensor, PointerSensor, closestCorners, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent, type KeyboardCoordinateGetter } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { BoardView } from "@/lib/boards/get-board";
import type { CardView } from "@/lib/boards/card-view";
import { MarkingBadge } from "../../../../../ui/marking-badge";
import { CardDialog, type CardDraft } from "./card-dialog";
import type { LinkableSubmission } from "./card-links";
import { comparePositioned } from "@/lib/boards/positions";
import { describeRecurrence } from "@/lib/boards/describe-recurrence";
import { useBoardEvents, type BoardEventOptions } from "./use-board-events";
import { callJsonApi, PLAIN_FALLBACKS } from "../../../../../ui/call-api";

/** A stale edit's 409 carries the card as it now is, for the dialog to offer. */
type CardConflict = { current: CardView };

export type Member = { userId: string; name: string; agencyName: string };

/** The board with one card moved to `index` of column `toColumnId` (counts kept right). */
function withCardMoved(board: BoardView, cardId: string, toColumnId: string, index: number): BoardView {
  const card = board.columns.flatMap((c) => c.cards).find((k) => k.id === cardId);
  if (!card) return board;
  return {
    ...board,
    columns: board.columns.map((c) => {
      let cards = c.cards.filter((k) => k.id !== cardId);
      if (c.id === toColumnId) cards = [...cards.slice(0, index), { ...card, columnId: toColumnId }, ...cards.slice(index)];
      return { ...c, cards, cardCount: cards.length };
    }),
  };
}

/**
 * The board with one card as the feed sent it (`card`) or without it (`null` with its id): put in
 * its column by position, counts and the banner's highest marking kept right. A card of a column
 * this page does not know yet is left out; the feed's board-changed brings the new column.
 */
export function withCardChanged(board: BoardView, cardId: string, card: CardView | null): BoardView {
  const columns = board.columns.map((c) => {
    let cards = c.cards.filter((k) => k.id !== cardId);
    if (card && c.id === card.columnId) cards = [...cards, card].sort(comparePositioned);
    return { ...c, cards, cardCount: cards.length };
  });
  const all = columns.flatMap((c) => c.cards);
  const highest = all.reduce<BoardView["highestMarking"] | null>((a, k) => (a && a.rank >= k.markingRank ? a : { marking: k.marking, rank: k.markingRank }), null);
  return { ...board, columns, highestMarking: highest ?? board.highestMarking };
}

/** The board with one card put at a new place (column and key), the rest of what the page has of it kept. */
function withCardPlaced(board: BoardView, cardId: string, place: { columnId: string; position: string; updatedAt?: string }): BoardView {
  const card = board.columns.flatMap((c) => c.cards).find((k) => k.id === cardId);
  return card ? withCardChanged(board, cardId, { ...card, columnId: place.columnId, position: place.position, updatedAt: place.updatedAt ?? card.updatedAt }) : board;
}

export function BoardClient({ initial, members, submissions }: { initial: BoardView; members: Member[]; submissions: LinkableSubmission[] }) {
  const [board, setBoard] = useState(initial);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isGone, setGone] = useState(false);
  const [dialog, setDialog] = useState<{ mode: "create"; columnId: string } | { mode: "edit"; card: CardView } | null>(null);
  // The latest board for handlers that run between renders (drags, quick keyboard moves).
  const boardRef = useRef(board);
  useEffect(() => {
    boardRef.current = board;
  }, [board]);
  const canEdit = board.permissions.canUpdate;

  // Changes the feed sent while a refetch was in flight: newer than what the refetch may return,
  // so they are applied again, in order, on top of it.
  const sentDuringFetch = useRef<((b: BoardView) => BoardView)[] | null>(null);
  const applyChange = useCallback((change: (b: BoardView) => BoardView) => {
    sentDuringFetch.current?.push(change);
    const next = change(boardRef.current);
    boardRef.current = next;
    setBoard(next);
  }, []);
  const applyCard = useCallback((cardId: string, card: CardView | null) => applyChange((b) => withCardChanged(b, cardId, card)), [applyChange]);

  const refetch = useCallback(async () => {
    const sent: ((b: BoardView) => BoardView)[] = [];
    sentDuringFetch.current = sent;
    const result = await callJsonApi<BoardView>(`/boards/${initial.id}`, "GET", undefined, PLAIN_FALLBACKS).finally(() => {
      if (sentDuringFetch.current === sent) sentDuringFetch.current = null;
    });
    if (result.ok) {
      const next = sent.reduce((b, change) => change(b), result.data);
      boardRef.current = next;
      setBoard(next);
    } else if (result.status === 404 || result.status === 401) setGone(true);
  }, [initial.id]);

  // Live updates: changed cards arrive trimmed for this person; anything else is refetched as them.
  const liveOptions: BoardEventOptions = useMemo(
    () => ({
      onCard: (card) => applyCard(card.id, card),
      onCardMoved: (move) => {
        // A move of a card this page does not have (it arrived while the page loaded): fetch it all.
        if (!boardRef.current.columns.some((c) => c.cards.some((k) => k.id === move.cardId))) {
          void refetch();
          return;
        }
        // Only its place: whatever else the page has of the card (perhaps newer) stays.
        applyChange((b) => withCardPlaced(b, move.cardId, move));
      },
      onCardRemoved: (cardId) => applyCard(cardId, null),
    }),
    [applyCard, applyChange, refetch],
  );
  useBoardEvents(initial.id, refetch, liveOptions);

  const columnOf = (cardId: string) => boardRef.current.columns.find((c) => c.cards.some((k) => k.id === cardId));

  /** Moves a card to `index` of a column: shown at once, put back if the server refuses. */
  const moveCard = useCallback(
    async (cardId: string, toColumnId: string, index: number) => {
      const before = boardRef.current;
      const target = before.columns.find((c) => c.id === toColumnId);
      const card = before.columns.flatMap((c) => c.cards).find((k) => k.id === cardId);
      if (!target || !card) return;
      const others = target.cards.filter((k) => k.id !== cardId);
      const at = Math.max(0, Math.min(index, others.length));
      const moved = withCardMoved(before, cardId, toColumnId, at);
      boardRef.current = moved;
      setBoard(moved);
      setError(null);
      setStatus(`Moved "${card.title}" to ${target.title}, position ${at + 1} of ${others.length + 1}.`);
      const result = await callJsonApi<{ id: string; columnId: string; position: string }>(
        `/cards/${cardId}/move`,
        "POST",
        { columnId: toColumnId, afterCardId: others[at - 1]?.id ?? null, beforeCardId: others[at]?.id ?? null },
        PLAIN_FALLBACKS,
      );
      if (!result.ok) {
        boardRef.current = before;
        setBoard(before);
        setError(`"${card.title}" could not be moved: ${result.error.message}`);
        setStatus(`The move of "${card.title}" was undone.`);
        return;
      }
      // The server's key for the new place, so that cards the feed sends later sort around it
      // (the feed also sends this card back, which changes nothing more).
      applyChange((b) => withCardPlaced(b, cardId, result.data));
    },
    [applyChange],
  );

  // Left and right go to the previous and next column, whatever their cards' sizes; up and down
  // move among the cards of a column (sortable's own coordinates). Sortable's coordinates alone
  // look for the nearest droppable to the right of the card, which is often the card itself.
  const coordinateGetter: KeyboardCoordinateGetter = useCallback(
    (event, args) => {
      if (event.code !== "ArrowLeft" && event.code !== "ArrowRight") return sortableKeyboardCoordinates(event, args);
      event.preventDefault();
      const { active, over, droppableRects } = args.context;
      if (!active) return undefined;
      const columns = boardRef.current.columns;
      const overId = over ? String(over.id) : String(active.id);
      const currentId = overId.startsWith("column:") ? overId.slice("column:".length) : columnOf(overId)?.id;
      const next = columns[columns.findIndex((c) => c.id === currentId) + (event.code === "ArrowRight" ? 1 : -1)];
      const rect = next ? droppableRects.get(`column:${next.id}`) : undefined;
      // Just inside the column's top edge: the card lands over the column (or its first card).
      return rect ? { x: rect.left, y: rect.top + 1 } : undefined;
    },
    // columnOf reads the board through boardRef, so it never goes stale.
    [],
  );
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter }));

  const titleOf = useCallback((id: string | number) => {
    const key = String(id);
    if (key.startsWith("column:")) return `column ${boardRef.current.columns.find((c) => `column:${c.id}` === key)?.title ?? ""}`;
    const column = columnOf(key);
    const card = column?.cards.find((k) => k.id === key);
    return card ? `card "${card.title}" in ${column!.title}, position ${column!.cards.indexOf(card) + 1} of ${column!.cards.length}` : "a card";
  }, []);

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
      onDragOver: ({ active, over }) => (over ? `${titleOf(active.id).split(" in ")[0]} is over ${titleOf(over.id)}.` : `${titleOf(active.id)} is no longer over a column.`),
      onDragEnd: ({ active, over }) => (over ? `Dropped ${titleOf(active.id).split(" in ")[0]} at ${titleOf(over.id)}.` : `Dropped ${titleOf(active.id)}; it stays where it was.`),
      onDragCancel: ({ active }) => `Cancelled. ${titleOf(active.id)} stays where it was.`,
    }),
    [titleOf],
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const cardId = String(active.id);
    const from = columnOf(cardId);
    const overId = String(over.id);
    const target = overId.startsWith("column:") ? boardRef.current.columns.find((c) => `column:${c.id}` === overId) : columnOf(overId);
    if (!from || !target) return;
    const overIndex = overId.startsWith("column:") ? target.cards.length : target.cards.findIndex((k) => k.id === overId);
    // Within a column the card takes the place of the one it is dropped on (as arrayMove does);
    // into another column it goes before it (or last, dropped on the column itself).
    if (from.id === target.id && overIndex === from.cards.findIndex((k) => k.id === cardId)) return;
    void moveCard(cardId, target.id, overIndex);
  };

  /** Saves the dialog's card: creates it, or edits it against the version it was opened at. */
  const save = async (draft: CardDraft): Promise<{ ok: true } | { ok: false; message: string; current?: CardView }> => {
    const fields = {
      title: draft.title,
      description: draft.description,
      startAt: draft.startAt,
      dueAt: draft.dueAt,
      labels: draft.labels,
      checklist: draft.checklist,
      recurrence: draft.recurrence,
      marking: draft.marking,
      ...(draft.justification ? { justification: draft.justification } : {}),
    };
    const result = draft.id
      ? await callJsonApi<CardView, CardConflict>(`/cards/${draft.id}`, "PATCH", { expectedVersion: draft.version, ...fields }, PLAIN_FALLBACKS)
      : await callJsonApi<CardView, CardConflict>(`/boards/${board.id}/cards`, "POST", { columnId: draft.columnId, ...fields }, PLAIN_FALLBACKS);
    if (!result.ok) return { ok: false, message: result.error.message, current: result.error.current };
    const saved = result.data;
    const had = new Set((draft.id ? (dialog?.mode === "edit" ? dialog.card.assignees : []) : []).map((a) => a.userId));
    const wants = new Set(draft.assigneeIds);
    if (had.size !== wants.size || [...wants].some((id) => !had.has(id))) {
      const assigned = await callJsonApi<CardView>(`/cards/${saved.id}/assignees`, "PUT", { userIds: [...wants], expectedVersion: saved.version }, PLAIN_FALLBACKS);
      if (!assigned.ok) {
        await refetch();
        return { ok: false, message: `The card was saved, but its assignees were not: ${assigned.error.message}` };
      }
    }
    setStatus(draft.id ? `Saved "${draft.title}".` : `Added "${draft.title}".`);
    await refetch();
    return { ok: true };
  };

  const remove = async (card: CardView) => {
    if (!window.confirm(`Delete "${card.title}"? This cannot be undone.`)) return;
    const result = await callJsonApi(`/cards/${card.id}`, "DELETE", undefined, PLAIN_FALLBACKS);
    if (!result.ok) setError(result.error.message);
    else setStatus(`Deleted "${card.title}".`);
    await refetch();
  };

  if (isGone) {
    return (
      <div className="alert" role="alert">
        This board is no longer available to you. It may have been deleted, or your access to this space has changed.
      </div>
    );
  }

  return (
    <div>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="board-status">
        {status}
      </p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: "To move a card, press Space on its handle, then use the arrow keys, and press Space again to drop it. Press Escape to cancel." },
        }}
      >
        <div className="board-columns" role="list" aria-label="Columns">
          {board.columns.map((column, columnIndex) => (
            <BoardColumn
              key={column.id}
              column={column}
              canEdit={canEdit}
              canCreate={board.permissions.canCreateCards}
              onAdd={() => setDialog({ mode: "create", columnId: column.id })}
              renderCard={(card, index) => (
                <SortableCard
                  key={card.id}
                  card={card}
                  columnTitle={column.title}
                  onOpen={() => setDialog({ mode: "edit", card })}
                  onDelete={() => void remove(card)}
                  moves={{
                    up: index > 0 ? () => void moveCard(card.id, column.id, index - 1) : null,
                    down: index < column.cards.length - 1 ? () => void moveCard(card.id, column.id, index + 1) : null,
                    left: columnIndex > 0 ? () => void moveCard(card.id, board.columns[columnIndex - 1]!.id, index) : null,
                    right: columnIndex < board.columns.length - 1 ? () => void moveCard(card.id, board.columns[columnIndex + 1]!.id, index) : null,
                  }}
                  leftTitle={board.columns[columnIndex - 1]?.title}
                  rightTitle={board.columns[columnIndex + 1]?.title}
                />
              )}
            />
          ))}
        </div>
      </DndContext>
      {dialog && (
        <CardDialog
          key={dialog.mode === "edit" ? `${dialog.card.id}:${dialog.card.version}` : `new:${dialog.columnId}`}
          card={dialog.mode === "edit" ? dialog.card : null}
          columnId={dialog.mode === "create" ? dialog.columnId : dialog.card.columnId}
          markings={board.markings}
          defaultMarking={board.defaultMarking}
          members={members}
          spaceId={board.space.id}
          submissions={submissions}
          onSave={save}
          onCompletionChange={(message) => {
            setStatus(message);
            void refetch();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

function BoardColumn({
  column,
  canEdit,
  canCreate,
  onAdd,
  renderCard,
}: {
  column: BoardView["columns"][number];
  canEdit: boolean;
  canCreate: boolean;
  onAdd: () => void;
  renderCard: (card: CardView, index: number) => React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.id}`, disabled: !canEdit });
  const headingId = `column-${column.id}-heading`;
  return (
    <section className="board-column" role="listitem" aria-labelledby={headingId} data-testid="board-column" data-over={isOver || undefined}>
      <h2 id={headingId} className="board-column-title">
        {column.title} <span className="meta" data-testid="column-count">({column.cardCount} {column.cardCount === 1 ? "card" : "cards"})</span>
      </h2>
      <SortableContext id={column.id} items={column.cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="board-cards" aria-label={`Cards in ${column.title}`}>
          {column.cards.map((card, index) => renderCard(card, index))}
          {column.cards.length === 0 && <li className="meta board-empty">No cards you can see.</li>}
        </ul>
      </SortableContext>
      {canCreate && (
        <button type="button" className="button button-secondary" onClick={onAdd}>
          Add card<span className="visually-hidden"> to {column.title}</span>
        </button>
      )}
    </section>
  );
}

type Moves = { up: (() => void) | null; down: (() => void) | null; left: (() => void) | null; right: (() => void) | null };

function SortableCard({
  card,
  columnTitle,
  onOpen,
  onDelete,
  moves,
  leftTitle,
  rightTitle,
}: {
  card: CardView;
  columnTitle: string;
  onOpen: () => void;
  onDelete: () => void;
  moves: Moves;
  leftTitle?: string;
  rightTitle?: string;
}) {
  const canMove = card.permissions.canUpdate;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: card.id, disabled: !canMove });
  const style = { transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition, opacity: isDragging ? 0.6 : 1 };
  const done = card.checklist.filter((i) => i.done).length;
  return (
    <li ref={setNodeRef} style={style} className="board-card" data-testid="board-card" aria-label={card.completedAt ? `${card.title}, completed` : card.title} id={`card-${card.id}`}>
      <div className="board-card-top">
        <MarkingBadge marking={card.marking} rank={card.markingRank} />
        {card.completedAt && <span className="badge badge-ok">Completed</span>}
        {canMove && (
          <button type="button" className="board-handle" aria-label={`Drag ${card.title}`} {...attributes} {...listeners}>
            <span aria-hidden="true">⠿</span>
          </button>
        )}
      </div>
      <h3 className="board-card-title">
        <button type="button" className="link-button" onClick={onOpen}>
          {card.title}
        </button>
      </h3>
      <div className="meta">
        {card.dueAt && <div>Due {new Date(card.dueAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</div>}
        {card.assignees.length > 0 && <div>Assigned to {card.assignees.map((a) => a.name).join(", ")}</div>}
        {card.checklist.length > 0 && (
          <div>
            Checklist {done} of {card.checklist.length} done
          </div>
        )}
        {card.labels.length > 0 && <div>Labels: {card.labels.join(", ")}</div>}
        {card.recurrence && <div>{describeRecurrence(card.recurrence)}</div>}
      </div>
      {canMove && (
        <div className="row board-move" role="group" aria-label={`Move ${card.title}`}>
          {moves.up && (
            <button type="button" className="button button-secondary button-small" onClick={moves.up} aria-label={`Move up: ${card.title}`}>
              Move up
            </button>
          )}
          {moves.down && (
            <button type="button" className="button button-secondary button-small" onClick={moves.down} aria-label={`Move down: ${card.title}`}>
              Move down
            </button>
          )}
          {moves.left && (
            <button type="button" className="button button-secondary button-small" onClick={moves.left} aria-label={`Move left: ${card.title}, to ${leftTitle}`}>
              Move left
            </button>
          )}
          {moves.right && (
            <button type="button" className="button button-secondary button-small" onClick={moves.right} aria-label={`Move right: ${card.title}, to ${rightTitle}`}>
              Move right
            </button>
          )}
        </div>
      )}
      {card.permissions.canDelete && (
        <button type="button" className="button button-secondary button-small" onClick={onDelete}>
          Delete<span className="visually-hidden"> {card.title} from {columnTitle}</span>
        </button>
      )}
    </li>
  );
}
