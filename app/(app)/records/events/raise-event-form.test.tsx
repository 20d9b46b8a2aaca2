// @vitest-environment happy-dom
/**
 * The raise-event form rendered by React over happy-dom, with the API stood in for: Janet raises
 * "Case closed" for Operation Kestrel and is told how many clocks started; a refusal's
 * `error.issues` are listed in an error summary and shown beside their controls (aria-invalid,
 * described by the message), and nothing typed is lost.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clocksStarted, RaiseEventForm } from "./raise-event-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CASE_CLOSED = "2b000000-0000-4000-8000-000000000001";
const KESTREL = "4d000000-0000-4000-8000-000000000001";
let container: HTMLDivElement;
let root: Root | undefined;
const calls: { method: string; url: string; body: Record<string, unknown> }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ method: init?.method ?? "GET", url, body: JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown> });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
    }),
  );
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function render() {
  root = createRoot(container);
  await act(async () => root!.render(<RaiseEventForm eventTypes={[{ id: CASE_CLOSED, name: "Case closed" }]} spaces={[{ id: KESTREL, name: "Operation Kestrel" }]} today="2026-12-02" />));
}
const byId = <T extends HTMLElement>(id: string) => container.querySelector<T>(`#${id}`)!;
async function set(id: string, value: string, proto: typeof HTMLInputElement | typeof HTMLSelectElement, event: string) {
  const el = byId<HTMLInputElement>(id);
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto.prototype, "value")!.set!.call(el, value);
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}
async function submit() {
  await act(async () => container.querySelector("form")!.requestSubmit());
  await act(async () => {
    await new Promise((r) => setTimeout(r, 20));
  });
}

describe("the raise-event form", () => {
  it("raises Case closed for Operation Kestrel and says how many clocks started", async () => {
    answer = { status: 200, body: { id: "e", itemCount: 3 } };
    await render();
    await set("event-type", CASE_CLOSED, HTMLSelectElement, "change");
    await set("event-day", "2020-03-01", HTMLInputElement, "input");
    await set("event-space", KESTREL, HTMLSelectElement, "change");
    await submit();
    expect(calls).toEqual([{ method: "POST", url: "/api/v1/retention-events", body: { eventTypeId: CASE_CLOSED, occurredOn: "2020-03-01", description: "", spaceId: KESTREL } }]);
    expect(container.querySelector('[data-testid="event-raised"]')?.textContent).toBe("Case closed raised for Operation Kestrel: 3 items' clocks started. Items now past their retention reach the disposal review queue within a minute");
    expect([clocksStarted(1), clocksStarted(0)]).toEqual(["1 item's clock started", "no item's clock started"]);
  });

  it("shows each of the API's issues beside its control and in a summary, keeping what was typed", async () => {
    answer = { status: 400, body: { error: { code: "invalid_input", message: "An event cannot be raised for a day in the future", issues: [{ path: "occurredOn", message: "An event cannot be raised for a day in the future" }] } } };
    await render();
    await set("event-type", CASE_CLOSED, HTMLSelectElement, "change");
    await set("event-day", "2099-01-01", HTMLInputElement, "input");
    await act(async () => byId<HTMLInputElement>("event-scope-subject").click());
    await set("event-subject", "50AB1234528", HTMLInputElement, "input");
    await submit();
    expect(calls[0]!.body).toEqual({ eventTypeId: CASE_CLOSED, occurredOn: "2099-01-01", description: "", subjectReference: "50AB1234528" });
    const day = byId<HTMLInputElement>("event-day");
    expect(day.getAttribute("aria-invalid")).toBe("true");
    expect(day.getAttribute("aria-describedby")).toContain("event-day-error");
    expect(byId("event-day-error").textContent).toMatch(/future/);
    expect(byId("event-error-summary").querySelector('a[href="#event-day"]')?.textContent).toMatch(/future/);
    expect([day.value, byId<HTMLInputElement>("event-subject").value, byId<HTMLSelectElement>("event-type").value]).toEqual(["2099-01-01", "50AB1234528", CASE_CLOSED]);
    expect(container.querySelector('[data-testid="event-raised"]')?.textContent).toBe("");
  });
});
