// @vitest-environment happy-dom
/**
 * The retention label form rendered by React over happy-dom, with the API stood in for: Janet
 * builds a label with a two-stage review (herself, then Priya) triggered by "Case closed", and the
 * body sent is exactly the label; a refusal's `error.issues` are listed in an error summary that
 * links to each control, each message is shown beside its control (aria-invalid, described by it),
 * and nothing typed is lost.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_LABEL, LabelForm } from "./label-form";

const pushed: string[] = [];
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined, push: (url: string) => pushed.push(url) }) }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const JANET = "1a000000-0000-4000-8000-000000000001";
const PRIYA = "1a000000-0000-4000-8000-000000000002";
const CASE_CLOSED = "2b000000-0000-4000-8000-000000000001";
const people = [
  { id: JANET, name: "Janet Okafor", jobTitle: "Records Manager" },
  { id: PRIYA, name: "DS Priya Shah", jobTitle: "Detective Sergeant" },
];

let container: HTMLDivElement;
let root: Root | undefined;
const calls: { method: string; url: string; body: Record<string, unknown> }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { id: "3c000000-0000-4000-8000-000000000001" } };

beforeEach(() => {
  calls.length = 0;
  pushed.length = 0;
  answer = { status: 200, body: { id: "3c000000-0000-4000-8000-000000000001" } };
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
  await act(async () =>
    root!.render(<LabelForm initial={EMPTY_LABEL} eventTypes={[{ id: CASE_CLOSED, name: "Case closed", computed: null }]} labels={[]} people={people} categories={["Crime and case files"]} />),
  );
}
async function settle(ms = 20) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
const byId = <T extends HTMLElement>(id: string) => container.querySelector<T>(`#${id}`)!;
const button = (name: string) => [...container.querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement | undefined;
async function click(el: HTMLElement | undefined) {
  expect(el).toBeTruthy();
  await act(async () => el!.click());
  await settle();
}
async function type(id: string, text: string) {
  const el = byId<HTMLInputElement>(id);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
async function choose(id: string, value: string) {
  const el = byId<HTMLSelectElement>(id);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!.call(el, value);
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
async function submit() {
  await act(async () => container.querySelector("form")!.requestSubmit());
  await settle();
}

/** Fills in the Group 3 crime file label with Janet at stage 1 and Priya at stage 2. */
async function fillCrimeFile(years: string) {
  await type("label-reference", "CF-G3");
  await type("label-name", "Crime file – Group 3 – 6 years after case closed");
  await type("label-period-years", years);
  await choose("label-trigger", "event");
  await choose("label-event-type", CASE_CLOSED);
  await choose("stage-0-reviewer", JANET);
  await click(button("Add reviewer to stage 1"));
  await click(button("Add a review stage"));
  expect(document.activeElement).toBe(byId("stage-1-name"));
  await type("stage-1-name", "Investigative review");
  await choose("stage-1-reviewer", PRIYA);
  await click(button("Add reviewer to stage 2"));
}

describe("the retention label form", () => {
  it("sends a label with a two-stage review triggered by an event, and goes to the file plan", async () => {
    await render();
    await fillCrimeFile("6");
    expect(container.querySelector('[data-testid="stage-1-reviewers"]')?.textContent).toContain("DS Priya Shah");
    await submit();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "POST", url: "/api/v1/retention-labels" });
    expect(calls[0]!.body).toMatchObject({
      reference: "CF-G3",
      period: { years: 6, months: 0, days: 0 },
      trigger: "event",
      eventTypeId: CASE_CLOSED,
      action: "review",
      relabelToId: null,
      reviewStages: [
        { name: "Records manager review", reviewerIds: [JANET] },
        { name: "Investigative review", reviewerIds: [PRIYA] },
      ],
    });
    expect(pushed).toEqual(["/records/labels?added=3c000000-0000-4000-8000-000000000001"]);
  });

  it("shows a refusal's problems in a summary linking to each control and beside it, keeping everything typed", async () => {
    await render();
    await fillCrimeFile("-6");
    answer = {
      status: 400,
      body: {
        error: {
          code: "invalid_input",
          message: "A retention period cannot be negative (and 1 more: see each field)",
          issues: [
            { path: "period.years", message: "A retention period cannot be negative" },
            { path: "reviewStages.1.reviewerIds", message: "A reviewer at stage 2 is not an active person of your agency" },
          ],
        },
      },
    };
    await submit();
    const summary = byId("error-summary");
    expect(summary.getAttribute("role")).toBe("alert");
    expect(document.activeElement).toBe(summary);
    const links = [...summary.querySelectorAll("a")];
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["A retention period cannot be negative", "#label-period-years"],
      ["A reviewer at stage 2 is not an active person of your agency", "#stage-1-reviewer"],
    ]);
    const years = byId<HTMLInputElement>("label-period-years");
    expect(years.getAttribute("aria-invalid")).toBe("true");
    expect(byId(years.getAttribute("aria-describedby")!).textContent).toBe("A retention period cannot be negative");
    expect(byId("stage-1-reviewer").getAttribute("aria-invalid")).toBe("true");
    await click(links[0]);
    expect(document.activeElement).toBe(years);
    // Nothing typed is lost.
    expect(years.value).toBe("-6");
    expect(byId<HTMLInputElement>("label-name").value).toBe("Crime file – Group 3 – 6 years after case closed");
    expect(byId<HTMLInputElement>("stage-1-name").value).toBe("Investigative review");
    expect(container.querySelector('[data-testid="stage-0-reviewers"]')?.textContent).toContain("Janet Okafor");
    expect(pushed).toEqual([]);
  });
});
