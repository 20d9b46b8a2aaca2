// @vitest-environment happy-dom
/**
 * The form builder rendered by React over happy-dom, with the API stood in for: on Sam's DCP
 * variant of the national stop and search form, a question added with the keyboard-only editor
 * appears in the structure and in the live preview at once; saving sends the whole definition;
 * a refusal from the server is listed and nothing on the page is lost; the national questions
 * have no Remove; and when the national form has a newer version, the difference is shown (from
 * the real diff of two national versions) with Re-base and Keep.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { diffFormVersions } from "@/lib/forms/diff-form-versions";
import type { FormDefinition } from "@/lib/forms/form-definition";
import type { FormForEditing } from "@/lib/forms/get-form-for-editing";
import { stopAndSearch } from "@/lib/forms/national";
import { FormBuilder } from "./form-builder";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined, push: () => undefined }) }));
vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a> }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const FORM_ID = "5a000000-0000-4000-8000-000000000001";
const NATIONAL_ID = "5a000000-0000-4000-8000-000000000002";

/** A newer national version: a new required question. */
function nationalV2(): FormDefinition {
  const next = structuredClone(stopAndSearch);
  (next.schema.properties as Record<string, unknown>).bodyWornVideoReference = { type: "string", maxLength: 50 };
  (next.schema.required as string[]).push("bodyWornVideoReference");
  next.layout.pages[0]!.sections[0]!.items.push({ field: "bodyWornVideoReference", label: "Body-worn video reference" });
  return next;
}

function data(withChanges: boolean): FormForEditing {
  const definition = { ...structuredClone(stopAndSearch), key: "stop-search-dcp", title: "Stop and search (DCP)" };
  return {
    form: {
      id: FORM_ID,
      key: "stop-search-dcp",
      scope: "agency",
      agencyId: "a",
      title: definition.title,
      summary: definition.summary,
      extendsFormId: NATIONAL_ID,
      latestPublished: null,
      updatedAt: "2026-12-01T10:00:00.000Z",
      permissions: { canUpdate: true, canDelete: true },
      versions: [{ id: "v1", number: 1, status: "draft", publishedAt: null }],
      definition,
    },
    editing: { number: 1, status: "draft" },
    national: { formId: NATIONAL_ID, title: stopAndSearch.title, version: 1, definition: stopAndSearch },
    nationalChanges: withChanges ? { extendsFormId: NATIONAL_ID, pinnedVersion: 1, latestVersion: 2, changes: diffFormVersions(stopAndSearch, nationalV2()) } : { extendsFormId: NATIONAL_ID, pinnedVersion: 1, latestVersion: 1, changes: [] },
  };
}

let container: HTMLDivElement;
let root: Root | undefined;
const calls: { method: string; url: string; body: unknown }[] = [];
let refuseNext: { status: number; message: string; issues?: { path: string; message: string }[] } | null = null;

beforeEach(() => {
  calls.length = 0;
  refuseNext = null;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      const body = init?.body ? (JSON.parse(String(init.body)) as { definition?: FormDefinition }) : undefined;
      calls.push({ method, url, body });
      const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json" } });
      if (refuseNext) {
        const { status, ...error } = refuseNext;
        refuseNext = null;
        return json(status, { error: { code: "invalid_input", ...error } });
      }
      const saved = data(false).form;
      if (url.endsWith("/draft")) return json(200, { ...saved, definition: body!.definition });
      if (url.endsWith("/rebase")) return json(200, { ...saved, definition: { ...nationalV2(), key: "stop-search-dcp" } });
      return json(200, saved);
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

async function render(withChanges = false) {
  root = createRoot(container);
  await act(async () => root!.render(<FormBuilder data={data(withChanges)} />));
}
async function settle(ms = 20) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
const button = (name: string, scope: ParentNode = container) => [...scope.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name) as HTMLButtonElement | undefined;
async function click(el: HTMLElement | undefined) {
  expect(el).toBeTruthy();
  await act(async () => el!.click());
  await settle();
}
const inputLabelled = (text: string, scope: ParentNode = container) => {
  const label = [...scope.querySelectorAll("label")].find((l) => l.textContent === text);
  return scope.querySelector<HTMLInputElement>(`#${CSS.escape(label!.htmlFor)}`)!;
};
async function type(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  await act(async () => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
const structure = () => container.querySelector<HTMLElement>('[aria-labelledby="b-structure"]')!;
const preview = () => container.querySelector<HTMLElement>('[data-testid="builder-preview"]')!;

describe("the form builder", () => {
  it("adds a local question to a variant, shows it in the preview at once, and saves the whole definition", async () => {
    await render();
    const firstSection = stopAndSearch.layout.pages[0]!.sections[0]!;
    // National questions cannot be removed; the editor opens with focus in it.
    expect(button(`Remove “${(firstSection.items[0] as { label: string }).label}”`)).toBeUndefined();
    await click(button(`Add a question to “${firstSection.title}”`));
    const editor = container.querySelector<HTMLElement>('[data-testid="field-editor"]')!;
    expect(document.activeElement).toBe(inputLabelled("Question", editor));
    await type(inputLabelled("Question", editor), "Local operation name");
    await type(inputLabelled("Help text (optional)", editor), "DCP: the operation this search was part of, if any.");
    expect(inputLabelled("Name in the data", editor).value).toBe("localOperationName");
    await act(async () => editor.querySelector("form")?.requestSubmit?.() ?? (editor as HTMLFormElement).requestSubmit());
    await settle();
    expect(structure().textContent).toContain("Local operation name");
    expect([...preview().querySelectorAll("label")].map((l) => l.textContent)).toContain("Local operation name");
    expect(container.textContent).toContain("Unsaved changes");

    await click(button("Save draft"));
    const saved = calls.find((c) => c.url.endsWith(`/forms/${FORM_ID}/draft`));
    expect(saved?.method).toBe("PUT");
    const definition = (saved!.body as { definition: FormDefinition }).definition;
    expect((definition.schema.properties as Record<string, unknown>).localOperationName).toEqual({ type: "string", maxLength: 200 });
    expect(JSON.stringify(definition.layout)).toContain("DCP: the operation this search was part of");
    expect(container.querySelector('[role="status"]')?.textContent).toBe("Draft saved");
    expect(container.textContent).toContain("All changes saved");
  });

  it("lists the server's refusal with every problem, and keeps every change on the page", async () => {
    await render();
    await type(container.querySelector<HTMLInputElement>("#b-title")!, "Stop and search – DCP pilot");
    refuseNext = { status: 400, message: "A local variant may add to the national form but not remove or weaken it: The national field \"Grounds\" is required", issues: [{ path: "grounds", message: 'The national field "Grounds" is required and cannot be made optional' }] };
    await click(button("Save draft"));
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The national field "Grounds" is required and cannot be made optional');
    expect(alert.textContent).toContain("nothing was saved");
    expect(container.querySelector<HTMLInputElement>("#b-title")!.value).toBe("Stop and search – DCP pilot");
    expect(container.textContent).toContain("Unsaved changes");
  });

  it("shows what a new national version changed, and re-bases onto it or keeps the pin", async () => {
    await render(true);
    const panel = container.querySelector<HTMLElement>('[data-testid="national-changes"]')!;
    expect(panel.textContent).toContain("Body-worn video reference");
    expect(panel.textContent).toContain("extends national version 1; version 2 changed");
    await click(button("Re-base onto version 2", panel));
    expect(calls.some((c) => c.method === "POST" && c.url.endsWith(`/forms/${FORM_ID}/rebase`))).toBe(true);
    expect(container.querySelector('[data-testid="national-changes"]')).toBeNull();
    expect(structure().textContent).toContain("Body-worn video reference");

    await act(async () => root?.unmount());
    root = undefined;
    await render(true);
    await click(button("Keep version 1 for now"));
    expect(container.querySelector('[data-testid="national-changes"]')).toBeNull();
    expect(calls.filter((c) => c.url.endsWith("/rebase"))).toHaveLength(1);
  });
});
