// @vitest-environment happy-dom
/**
 * The space file list's SharePoint statuses (SpaceSyncStatuses around each row's SyncStatus),
 * rendered by React over happy-dom with the API stood in for: three rows, two waiting, cost one
 * request per ask (GET /api/v1/spaces/{id}/sync), never one per row; each row turns as the batch
 * answer says; a row the answer no longer holds shows nothing; a Retry marks only its row
 * waiting and starts the asking again; a refused ask (404) stops it.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncState } from "@/lib/graph/get-item-sync-status";
import { SpaceSyncStatuses, SyncStatus } from "./sync-status";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SPACE = "5a000000-0000-4000-8000-000000000001";
const A = "f1000000-0000-4000-8000-00000000000a";
const B = "f1000000-0000-4000-8000-00000000000b";
const C = "f1000000-0000-4000-8000-00000000000c";
const state = (status: SyncState["status"], fields: Partial<SyncState> = {}): SyncState => ({ status, message: null, code: null, requestId: null, syncedAt: null, reviewVersionId: null, ...fields });

let container: HTMLDivElement;
let root: Root | undefined;
const calls: { method: string; url: string }[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

beforeEach(() => {
  calls.length = 0;
  vi.useFakeTimers();
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ method: init?.method ?? "GET", url });
      const body = init?.method === "POST" ? { queued: true } : reply.body;
      return new Response(JSON.stringify(body), { status: init?.method === "POST" ? 200 : reply.status, headers: { "content-type": "application/json" } });
    }),
  );
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function render(initial: Record<string, SyncState>) {
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <SpaceSyncStatuses spaceId={SPACE} itemType="file" initial={initial}>
        {[A, B, C].map((id) => (
          <div key={id} data-row={id}>
            {initial[id] && <SyncStatus itemType="file" itemId={id} itemName={`File ${id}`} sync={initial[id]} permissions={{ canRetry: true, canResolve: false }} />}
          </div>
        ))}
      </SpaceSyncStatuses>,
    ),
  );
}
const rowText = (id: string) => container.querySelector(`[data-row="${id}"]`)?.textContent ?? "";
const advance = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const batch = (files: Record<string, SyncState>) => ({ status: 200, body: { spaceId: SPACE, isConnected: true, documents: {}, files, isTruncated: false } });

describe("SpaceSyncStatuses", () => {
  it("asks once for all waiting rows, and each row turns as the answer says", async () => {
    await render({ [A]: state("pending"), [B]: state("pending"), [C]: state("synced", { syncedAt: "2026-12-01T10:00:00Z" }) });
    expect(rowText(A)).toContain("waiting to sync");
    reply = batch({ [A]: state("synced", { syncedAt: "2026-12-01T10:06:00Z" }), [B]: state("pending"), [C]: state("synced") });
    await advance(3_100);
    expect(calls).toEqual([{ method: "GET", url: `/api/v1/spaces/${SPACE}/sync?only=file` }]);
    expect(rowText(A)).toContain("SharePoint: synced");
    expect(rowText(B)).toContain("waiting to sync");
    // B still waits: asked again on the schedule, still once for the list; B gone from the answer shows nothing.
    reply = batch({ [A]: state("synced"), [C]: state("failed", { message: "The library is full" }) });
    await advance(5_100);
    expect(calls.map((c) => c.url)).toEqual([`/api/v1/spaces/${SPACE}/sync?only=file`, `/api/v1/spaces/${SPACE}/sync?only=file`]);
    expect(rowText(B)).toBe("");
    expect(rowText(C)).toContain("SharePoint: failed — The library is full");
    // Nothing waits any more: no further ask.
    await advance(60_000);
    expect(calls).toHaveLength(2);
  });

  it("a Retry marks its row waiting and asks the batch again; a refused ask stops the asking", async () => {
    await render({ [A]: state("failed", { message: "Refused" }), [B]: state("synced") });
    await advance(60_000);
    expect(calls).toHaveLength(0);
    const retry = [...container.querySelectorAll("button")].find((b) => b.textContent?.startsWith("Retry"));
    await act(async () => retry!.click());
    expect(calls[0]).toMatchObject({ method: "POST", url: `/api/v1/files/${A}/sync` });
    expect(rowText(A)).toContain("waiting to sync");
    expect(rowText(B)).toContain("SharePoint: synced");
    reply = { status: 404, body: { error: { code: "not_found", message: "Not found" } } };
    await advance(3_100);
    expect(calls.slice(1)).toEqual([{ method: "GET", url: `/api/v1/spaces/${SPACE}/sync?only=file` }]);
    await advance(120_000);
    expect(calls).toHaveLength(2);
  });
});
