"use client";
/**
 * One live feed per board per page: the board and its briefings section both follow the board's
 * event stream (GET /api/v1/boards/{id}/events), and each stream costs the server a connection
 * and a re-check every 30 s, so the page opens one EventSource and shares it. Each subscriber
 * refetches what it shows, one fetch at a time: changes announced during a fetch cause exactly
 * one more after it (a trailing debounce would never fire while someone keeps moving cards
 * faster than its delay).
 */
import { useEffect, useRef } from "react";

type Listener = { onChange: () => void; onAccessLost: () => void };
const feeds = new Map<string, { source: EventSource; listeners: Set<Listener> }>();

function subscribe(boardId: string, listener: Listener): () => void {
  let feed = feeds.get(boardId);
  if (!feed) {
    const source = new EventSource(`/api/v1/boards/${boardId}/events`);
    const created = { source, listeners: new Set<Listener>() };
    source.addEventListener("board-changed", () => created.listeners.forEach((l) => l.onChange()));
    source.addEventListener("access-lost", () => {
      source.close();
      created.listeners.forEach((l) => l.onAccessLost());
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

/** Calls `refetch` (never two at once) whenever the board changes, and once more when access is lost. */
export function useBoardEvents(boardId: string, refetch: () => Promise<void>): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);
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
          await latest.current();
        } while (isStale && !isClosed);
      } finally {
        isFetching = false;
      }
    };
    const unsubscribe = subscribe(boardId, { onChange: () => void soon(), onAccessLost: () => void latest.current() });
    return () => {
      isClosed = true;
      unsubscribe();
    };
  }, [boardId]);
}
