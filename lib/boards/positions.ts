/**
 * Where a card or a column goes among its neighbours: a fractional-indexing key
 * (`fractional-indexing`) between the keys of the two neighbours it is dropped between, so that a
 * move writes one row and never renumbers the others. Two people who drop two cards between the
 * same pair of neighbours get the same key; the order then falls back to the id, so every
 * viewer, and every order in which the two moves arrive, gives the same board. The one case that
 * writes more than one row is placing something between two items that share a key (such a pair
 * of concurrent moves): the tied run is given fresh keys after the moved item.
 */
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/** An item of an ordered list: its id and its key. */
export type Positioned = { id: string; position: string };

/** The board's order: by key (byte order, as the "C" collation of the columns sorts), then by id. */
export function comparePositioned(a: Positioned, b: Positioned): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The keys to write: the moved item's, and any tied neighbours' that had to be renumbered. */
export type Placement = { position: string; renumbered: Positioned[] };

/**
 * The key for an item placed right after `prevId` and right before `nextId` in `siblings` (the
 * list without the moved item, in any order). Either neighbour may be null (the start or the end
 * of the list); neighbours that are not in `siblings` count as absent. When the neighbours given
 * are no longer in that order (someone moved one of them meanwhile), the item goes right after
 * `prevId` (or right before `nextId` when there is no `prevId`), which is where the person saw it.
 */
export function placeBetween(siblings: Positioned[], prevId: string | null, nextId: string | null): Placement {
  const list = [...siblings].sort(comparePositioned);
  const beforeIndex = prevId === null ? -1 : list.findIndex((s) => s.id === prevId);
  const afterIndex = nextId === null ? -1 : list.findIndex((s) => s.id === nextId);
  let lower: number; // the index the item follows (-1: the start)
  if (beforeIndex >= 0 && afterIndex >= 0 && beforeIndex < afterIndex) {
    // Both neighbours still in this order: between them by key, whatever lies between them
    // (items the person cannot see keep their places).
    const a = list[beforeIndex]!.position;
    const b = list[afterIndex]!.position;
    if (a < b) return { position: generateKeyBetween(a, b), renumbered: [] };
    lower = beforeIndex;
  } else if (beforeIndex >= 0) lower = beforeIndex;
  else if (afterIndex >= 0) lower = afterIndex - 1;
  else if (prevId === null && nextId === null) lower = list.length - 1;
  // Neighbours named but gone: after a vanished `prevId`, the end; before a vanished `nextId`, the start.
  else lower = prevId !== null ? list.length - 1 : -1;
  return placeAfterIndex(list, lower);
}

/** The key right after list[lower] (or at the start for -1), renumbering a tied run after it. */
function placeAfterIndex(list: Positioned[], lower: number): Placement {
  const a = lower >= 0 ? list[lower]!.position : null;
  const next = list[lower + 1];
  if (!next) return { position: generateKeyBetween(a, null), renumbered: [] };
  if (a === null || a < next.position) return { position: generateKeyBetween(a, next.position), renumbered: [] };
  // list[lower] and the items after it share a key: give the moved item and that tied run new
  // keys between the shared key and the next larger one, in the order they should have.
  let end = lower + 1;
  while (end < list.length && list[end]!.position === a) end += 1;
  const upper = end < list.length ? list[end]!.position : null;
  const tied = list.slice(lower + 1, end);
  const keys = generateNKeysBetween(a, upper, tied.length + 1);
  return { position: keys[0]!, renumbered: tied.map((t, i) => ({ id: t.id, position: keys[i + 1]! })) };
}

/** A key after every key of `siblings` (a new card or column goes at the end). */
export function placeLast(siblings: Positioned[]): string {
  const list = [...siblings].sort(comparePositioned);
  return generateKeyBetween(list.at(-1)?.position ?? null, null);
}
