"use client";
/**
 * One live feed per board per page: the board and its briefings section both follow the board's
 * event stream (GET /api/v1/boards/{id}/events), and each stream costs the server a connection
 * and a re-check every 30 s, so the page opens one EventSource and shares it. The feed sends each
 * changed card as this person may see it (`card`, `card-moved` for a card the page has,
 * `card-removed`), which the board applies as it is; for anything else (`board-changed`, `briefings-changed`) each subscriber refetches what
 * it shows, one fetch at a time: changes announced during a fetch cause exactly one more after it
 * (a trailing debounce would never fire while someone keeps changing the board faster than its
 * delay). Every (re)opening of the feed refetches too: what changed while it was closed, or
 * before it first opened, was never sent.
 */
import { useEffect, useRef } from "react";
import type { CardView } from "@/lib/boards/card-view";

type Refetched = "board" | "briefings";
/** A card's new place after a move (the feed sends only this for a card the page already has). */
export type CardMove = { cardId: string; columnId: string; position: string; updatedAt: string };

type Listener = {
  refetches: Refetched;
  onRefetch: () => void;
  onCard?: (card: CardView) => void;
  onCardMoved?: (move: CardMove) => void;
  onCardRemoved?: (cardId: string) => void;
  onAccessLost: () => void;
};
const feeds = new Map<string, { source: EventSource; listeners: Set<Listener> }>();

function parsed<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

function subscribe(boardId: string, listener: Listener): () => void {
  let feed = feeds.get(boardId);
  if (!feed) {
    const source = new EventSource(`/api/v1/boards/${boardId}/events`);
    const created = { source, listeners: new Set<Listener>() };
    const each = (fn: (l: Listener) => void) => created.listeners.forEach(fn);
    source.addEventListener("open", () => each((l) => l.onRefetch()));
    source.addEventListener("board-changed", () => each((l) => l.refetches === "board" && l.onRefetch()));
    source.addEventListener("briefings-changed", () => each((l) => l.refetches === "briefings" && l.onRefetch()));
    source.addEventListener("card", (event) => {
      const data = parsed<{ card?: CardView }>(event);
      if (data?.card) {
        const card = data.card;
        each((l) => l.onCard?.(card));
      }
    });
    source.addEventListener("card-moved", (event) => {
      const data = parsed<Partial<CardMove>>(event);
      if (data && typeof data.cardId === "string" && typeof data.columnId === "string" && typeof data.position === "string" && typeof data.updatedAt === "string") {
        const move = data as CardMove;
        each((l) => l.onCardMoved?.(move));
      }
    });
    source.addEventListener("card-removed", (event) => {
      const cardId = parsed<{ cardId?: string }>(event)?.cardId;
      if (typeof cardId === "string") each((l) => l.onCardRemoved?.(cardId));
    });
    source.addEventListener("access-lost", () => {
      source.close();
      each((l) => l.onAccessLost());
    });
    feeds.set(boardId, created);
    feed = created;
  }
  const current = feed;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      if (feeds.get(boardId) === current) feeds.delete(boardId);
    }
  };
}

export type BoardEventOptions = {
  /** What `refetch` fetches: the board (the default) or its briefings. */
  refetches?: Refetched;
  /** A card changed, as this person may see it. */
  onCard?: (card: CardView) => void;
  /** A card this person has moved to a new place. */
  onCardMoved?: (move: CardMove) => void;
  /** A card this person was shown is gone from their sight. */
  onCardRemoved?: (cardId: string) => void;
};

/** Calls `refetch` (never two at once) when what it shows changed, when the feed (re)opens, and once more when access is lost. */
export function useBoardEvents(boardId: string, refetch: () => Promise<void>, options: BoardEventOptions = {}): void {
  const latest = useRef({ refetch, options });
  useEffect(() => {
    latest.current = { refetch, options };
  }, [refetch, options]);
  const refetches = options.refetches ?? "board";
  useEffect(() => {
    let isFetching = false;
    let isStale = false;
    let isClosed = false;
    const soon = async () => {
      if (isFetching) {
        isStale = true;
        return;
      }
      isFetching = true;
      try {
        do {
          isStale = false;
          await latest.current.refetch();
        } while (isStale && !isClosed);
      } finally {
        isFetching = false;
      }
    };
    const unsubscribe = subscribe(boardId, {
      refetches,
      onRefetch: () => void soon(),
      onCard: (card) => latest.current.options.onCard?.(card),
      onCardMoved: (move) => latest.current.options.onCardMoved?.(move),
      onCardRemoved: (cardId) => latest.current.options.onCardRemoved?.(cardId),
      onAccessLost: () => void latest.current.refetch(),
    });
    return () => {
      isClosed = true;
      unsubscribe();
    };
  }, [boardId, refetches]);
}
