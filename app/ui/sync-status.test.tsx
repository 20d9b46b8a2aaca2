// @vitest-environment happy-dom
/**
 * The SharePoint status line rendered by React over happy-dom, with the API stood in for: each
 * state's words, Retry only for whoever may change the item, the conflict's two choices sending
 * `keep`, the review link, nothing at all without a connection, and a waiting item asked again
 * until it turns synced.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SyncStatus, type ItemSyncAnswer } from "./sync-status";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DOC = "4d000000-0000-4000-8000-000000000001";
const VERSION = "5e000000-0000-4000-8000-000000000001";
const base = { message: null, code: null, requestId: null, syncedAt: null, remoteName: null, reviewVersionId: null };
const may = { canRetry: true, canResolve: true };

let container: HTMLDivElement;
let root: Root | undefined;
const calls: { method: string; url: string; body: unknown }[] = [];
let answer: unknown = { queued: true };

beforeEach(() => {
  calls.length = 0;
  answer = { queued: true };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
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

async function render(props: ItemSyncAnswer, itemType: "document" | "file" = "document") {
  root = createRoot(container);
  await act(async () => root!.render(<SyncStatus itemType={itemType} itemId={DOC} itemName="Rota.pdf" {...props} />));
}
const text = () => container.textContent ?? "";
const button = (name: string) => [...container.querySelectorAll("button")].find((b) => b.textContent?.startsWith(name));

describe("SyncStatus", () => {
  it("renders nothing when the agency has no connection", async () => {
    await render({ sync: null, permissions: may });
    expect(container.innerHTML).toBe("");
  });

  it("says synced with the time, removed, and waiting", async () => {
    await render({ sync: { ...base, status: "synced", syncedAt: "2026-12-01T10:05:00Z" }, permissions: may });
    expect(text()).toContain("SharePoint: synced");
    expect(container.querySelector("time")?.getAttribute("dateTime")).toBe("2026-12-01T10:05:00Z");
    await act(async () => root!.unmount());
    await render({ sync: { ...base, status: "removed" }, permissions: may });
    expect(text()).toContain("SharePoint: removed");
  });

  it("shows a failure's reason and Retry only to whoever may change the item; Retry posts and shows it waiting", async () => {
    await render({ sync: { ...base, status: "failed", message: "The library is full", requestId: "req-42" }, permissions: { canRetry: false, canResolve: false } });
    expect(text()).toContain("SharePoint: failed — The library is full");
    expect(text()).toContain("req-42");
    expect(button("Retry")).toBeUndefined();
    await act(async () => root!.unmount());
    await render({ sync: { ...base, status: "failed", message: "The library is full" }, permissions: may }, "file");
    await act(async () => button("Retry")!.click());
    expect(calls).toEqual([{ method: "POST", url: `/api/v1/files/${DOC}/sync`, body: undefined }]);
    expect(text()).toContain("SharePoint: waiting to sync");
    expect(container.querySelector('[role="status"]')?.textContent).toContain("Sent to SharePoint again");
  });

  it("offers the two choices of a conflict and sends the one chosen; links a version waiting for review", async () => {
    await render({ sync: { ...base, status: "conflict", message: "Changed in Accord and in SharePoint", reviewVersionId: VERSION }, permissions: may });
    expect(text()).toContain("SharePoint: both changed — Changed in Accord and in SharePoint");
    const link = [...container.querySelectorAll("a")].find((a) => a.textContent === "A version edited in SharePoint waits for review");
    expect(link?.getAttribute("href")).toBe(`/documents/${DOC}/versions/${VERSION}`);
    answer = { kept: "sharepoint" };
    await act(async () => button("Take SharePoint")!.click());
    expect(calls).toEqual([{ method: "POST", url: `/api/v1/documents/${DOC}/sync/conflict`, body: { keep: "sharepoint" } }]);
    expect(text()).toContain("SharePoint: waiting to sync");
  });

  it("asks again while waiting, until it turns synced", async () => {
    vi.useFakeTimers();
    answer = { sync: { ...base, status: "synced", syncedAt: "2026-12-01T10:06:00Z" }, permissions: may };
    await render({ sync: { ...base, status: "pending" }, permissions: may });
    expect(text()).toContain("SharePoint: waiting to sync");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_100);
    });
    expect(calls[0]).toMatchObject({ method: "GET", url: `/api/v1/documents/${DOC}/sync` });
    expect(text()).toContain("SharePoint: synced");
  });
});
