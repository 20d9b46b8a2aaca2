/**
 * Personal access tokens and the JSON API (/api/v1). A token acts as its owner and never as more:
 * it sees exactly what its owner may see, stops at once when revoked or when its owner is
 * disabled, and a request that carries one is judged by it alone. The API's OpenAPI description
 * names every /api/v1 route the build serves.
 *
 * API calls are made from Playwright's own request client, which holds no cookies: only the
 * `Authorization: Bearer` header speaks for the caller.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { test, expect, PEOPLE, SPACES, DOCUMENTS, MISSING_ID } from "./fixtures";

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** GET with a token (or a raw Authorization header) and no cookie. */
async function apiGet(request: APIRequestContext, url: string, authorization?: string): Promise<APIResponse> {
  return request.get(url, { headers: authorization === undefined ? {} : { Authorization: authorization }, maxRedirects: 0 });
}

/** Asserts the API refused the caller as unauthenticated. */
async function expectUnauthenticated(response: APIResponse): Promise<void> {
  expect(response.status(), response.url()).toBe(401);
  expect(response.headers()["www-authenticate"]).toMatch(/^Bearer\b/);
  expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
}

/** The names of the spaces, and titles of the documents, the token's caller gets. */
async function visibleTo(request: APIRequestContext, token: string): Promise<{ spaces: string[]; documents: string[] }> {
  const spaces = await request.get("/api/v1/spaces", { headers: bearer(token) });
  expect(spaces.status()).toBe(200);
  const documents = await request.get("/api/v1/documents?limit=100", { headers: bearer(token) });
  expect(documents.status()).toBe(200);
  return {
    spaces: ((await spaces.json()) as { items: { name: string }[] }).items.map((s) => s.name),
    documents: ((await documents.json()) as { items: { title: string }[] }).items.map((d) => d.title).sort(),
  };
}

test("Helen's token sees exactly her MASH space and what she may read there, until she revokes it", async ({ openSession, request, scenario }) => {
  const helen = await openSession(PEOPLE.helen);
  await helen.tokens.goto();
  const token = await helen.tokens.createToken("MASH case export");
  // Shown once: the list shows only the prefix, and a reload does not show the secret again.
  await expect(helen.tokens.row("MASH case export")).toContainText(`${token.slice(0, "acc_pat_".length + 4)}…`);
  await expect(helen.tokens.row("MASH case export")).not.toContainText(token);
  await helen.tokens.goto();
  await expect(helen.tokens.newToken).toHaveCount(0);
  expect(await helen.page.content()).not.toContain(token);

  expect(await visibleTo(request, token)).toEqual({
    spaces: [SPACES.mash],
    documents: [DOCUMENTS.contactList.title, DOCUMENTS.strategyMinutes.title].sort(),
  });
  const minutes = await request.get(`/api/v1/documents/${scenario.documents.strategyMinutes.id}`, { headers: bearer(token) });
  expect(minutes.status()).toBe(200);
  expect(await minutes.json()).toMatchObject({ title: DOCUMENTS.strategyMinutes.title, space: { name: SPACES.mash } });

  // What Helen may not see is as missing to her token as to her.
  const missing = await (await request.get(`/api/v1/documents/${MISSING_ID}`, { headers: bearer(token) })).text();
  for (const url of [
    `/api/v1/spaces/${scenario.spaces.kestrel.id}`,
    `/api/v1/spaces/${scenario.spaces.training.id}`,
    `/api/v1/documents/${scenario.documents.investigationLog.id}`,
    `/api/v1/documents/${scenario.documents.inductionGuide.id}`,
  ]) {
    const response = await request.get(url, { headers: bearer(token) });
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).toBe(missing);
  }

  // A token opens the API, not the web pages: with it alone, a page still asks to sign in.
  const page = await request.get("/spaces", { headers: bearer(token), maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers()["location"]).toMatch(/\/signin$/);

  // Revoked in the UI: the very next call is refused.
  await helen.tokens.goto();
  await helen.tokens.revoke("MASH case export");
  await expectUnauthenticated(await apiGet(request, "/api/v1/spaces", `Bearer ${token}`));
  await expectUnauthenticated(await apiGet(request, `/api/v1/documents/${scenario.documents.strategyMinutes.id}`, `Bearer ${token}`));
  // Helen herself is still signed in: revoking a token ends only the token.
  const ownSpaces = await helen.context.request.get("/api/v1/spaces");
  expect(ownSpaces.status()).toBe(200);
});

test("Ben's token never reads more than Ben: not the Strategy meeting minutes", async ({ openSession, request, scenario }) => {
  const ben = await openSession(PEOPLE.ben);
  await ben.tokens.goto();
  const token = await ben.tokens.createToken("housing referrals", "7 days");

  expect(await visibleTo(request, token)).toEqual({ spaces: [SPACES.mash], documents: [DOCUMENTS.contactList.title] });

  const missing = await (await request.get(`/api/v1/documents/${MISSING_ID}`, { headers: bearer(token) })).text();
  const minutes = await request.get(`/api/v1/documents/${scenario.documents.strategyMinutes.id}`, { headers: bearer(token) });
  expect(minutes.status()).toBe(404);
  expect(await minutes.text()).toBe(missing);

  const inSpace = await request.get(`/api/v1/documents?spaceId=${scenario.spaces.mash.id}`, { headers: bearer(token) });
  expect(((await inSpace.json()) as { items: { title: string }[] }).items.map((d) => d.title)).toEqual([DOCUMENTS.contactList.title]);

  const contacts = await request.get(`/api/v1/documents/${scenario.documents.contactList.id}`, { headers: bearer(token) });
  expect(contacts.status()).toBe(200);
  // The same permissions as Ben's own session: read, and nothing he may not do.
  const viaSession = await ben.context.request.get(`/api/v1/documents/${scenario.documents.contactList.id}`);
  expect((await contacts.json()).permissions).toEqual((await viaSession.json()).permissions);
});

test("a garbage or malformed token is 401, even beside a valid session cookie", async ({ openSession, request }) => {
  const garbage = [
    "Bearer acc_pat_garbage",
    `Bearer acc_pat_${"A".repeat(43)}`,
    "Bearer not-an-accord-token",
    `Bearer acc_pat_${"x".repeat(500)}`,
    "Bearer",
    "Bearer ",
    "Basic cHJpeWEuc2hhaEBkY3AuZXhhbXBsZTphY2NvcmQtZGVtbw==",
    "acc_pat_without_scheme",
  ];
  for (const authorization of garbage) {
    await expectUnauthenticated(await apiGet(request, "/api/v1/spaces", authorization));
    await expectUnauthenticated(await apiGet(request, `/api/v1/documents/${MISSING_ID}`, authorization));
  }

  // A request that carries a token is judged by the token alone: Priya's cookie does not rescue it.
  const priya = await openSession(PEOPLE.priya);
  expect((await priya.context.request.get("/api/v1/spaces")).status()).toBe(200);
  await expectUnauthenticated(await apiGet(priya.context.request, "/api/v1/spaces", "Bearer acc_pat_garbage"));
});

// Janet is disabled here because no spec but session-revocation.spec.ts signs in as her, and it
// needs her enabled: she is enabled again whatever happens.
test("a disabled person's token is refused at once", async ({ openSession, request }) => {
  const janet = await openSession(PEOPLE.janet);
  await janet.tokens.goto();
  const token = await janet.tokens.createToken("records export");
  expect(await visibleTo(request, token)).toEqual({ spaces: [SPACES.training], documents: [DOCUMENTS.inductionGuide.title] });

  const sam = await openSession(PEOPLE.sam);
  await sam.admin.goto();
  let isDisabled = false;
  try {
    await sam.admin.disable(PEOPLE.janet.email);
    isDisabled = true;
    await expectUnauthenticated(await apiGet(request, "/api/v1/spaces", `Bearer ${token}`));
    await expectUnauthenticated(await apiGet(request, "/api/v1/documents", `Bearer ${token}`));
  } finally {
    if (isDisabled) {
      await sam.admin.goto();
      await sam.admin.enable(PEOPLE.janet.email);
    }
  }
  // Janet can be signed in again by the specs that follow.
  await expect(sam.admin.status(PEOPLE.janet.email)).toHaveText("active");
});

test.describe("OpenAPI description", () => {
  /** The /api/v1 paths the API is meant to have, written out (relative to servers[0].url). */
  const API_PATHS = [
    "/audit-events",
    "/audit-events/export",
    "/boards/{boardId}",
    "/boards/{boardId}/briefings",
    "/boards/{boardId}/cards",
    "/boards/{boardId}/columns",
    "/boards/{boardId}/events",
    "/briefings/{briefingId}/acknowledgements",
    "/briefings/{briefingId}/revisions",
    "/briefings/{briefingId}/status",
    "/cards/{cardId}",
    "/cards/{cardId}/assignees",
    "/cards/{cardId}/completion",
    "/cards/{cardId}/links",
    "/cards/{cardId}/links/{linkId}",
    "/cards/{cardId}/move",
    "/columns/{columnId}",
    "/columns/{columnId}/move",
    "/comment-threads/{threadId}",
    "/comment-threads/{threadId}/comments",
    "/comments/{commentId}",
    "/disposal-certificates",
    "/documents",
    "/documents/{documentId}",
    "/documents/{documentId}/collab-token",
    "/documents/{documentId}/comments",
    "/documents/{documentId}/export",
    "/documents/{documentId}/mention-candidates",
    "/documents/{documentId}/retention-label",
    "/documents/{documentId}/retention-subject",
    "/documents/{documentId}/sync",
    "/documents/{documentId}/sync/conflict",
    "/files/{fileId}",
    "/files/{fileId}/content",
    "/files/{fileId}/retention-label",
    "/files/{fileId}/retention-subject",
    "/files/{fileId}/sync",
    "/forms",
    "/forms/{formId}",
    "/forms/{formId}/draft",
    "/forms/{formId}/national-changes",
    "/forms/{formId}/publish",
    "/forms/{formId}/rebase",
    "/forms/{formId}/results.csv",
    "/forms/{formId}/submissions",
    "/forms/{formId}/variants",
    "/holds",
    "/holds/{holdId}",
    "/holds/{holdId}/release",
    "/holds/{holdId}/scopes",
    "/notifications",
    "/notifications/read",
    "/record-items",
    "/record-items/{recordItemId}/decisions",
    "/response-templates",
    "/response-templates/{templateId}",
    "/response-templates/{templateId}/copies",
    "/retention-event-types",
    "/retention-events",
    "/retention-labels",
    "/retention-labels/{labelId}",
    "/retention-rules",
    "/retention-rules/{ruleId}",
    "/review-queue",
    "/review-queue/decisions",
    "/search",
    "/sharepoint/connection",
    "/sharepoint/connection/test",
    "/sharepoint/overview",
    "/sharepoint/queue/{outboxId}/retry",
    "/spaces",
    "/spaces/{spaceId}",
    "/spaces/{spaceId}/boards",
    "/spaces/{spaceId}/files",
    "/spaces/{spaceId}/responses",
    "/spaces/{spaceId}/retention-default",
    "/spaces/{spaceId}/sync",
    "/submissions/{submissionId}",
    "/submissions/{submissionId}/pdf",
    "/submissions/{submissionId}/retention-label",
    "/submissions/{submissionId}/retention-subject",
    "/submissions/{submissionId}/reviews",
    "/submissions/{submissionId}/submit",
    "/submissions/{submissionId}/versions",
  ];

  type Operation = { operationId: string; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> };
  type OpenApi = { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

  test("is valid JSON, OpenAPI 3.1.0, and describes every /api/v1 route the build serves", async ({ request }) => {
    // Public: it describes the API and reveals nothing, so it needs no sign-in.
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const doc = JSON.parse(await response.text()) as OpenApi;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(Object.keys(doc.paths).sort()).toEqual(API_PATHS);

    // The routes the running build has (Next.js's route manifest), in OpenAPI's path syntax; the
    // description itself is the one route it need not describe.
    const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    const served = Object.values(manifest)
      .filter((route) => route.startsWith("/api/v1/") && route !== "/api/v1/openapi.json")
      .map((route) => route.slice("/api/v1".length).replace(/\[([^\]]+)\]/g, "{$1}"))
      .sort();
    expect(served).toEqual(API_PATHS);

    // Every operation: a unique id, its path parameters declared, every $ref resolvable.
    const ids = new Set<string>();
    for (const [apiPath, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(["get", "post", "put", "patch", "delete"]).toContain(method);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        const pathParams = [...apiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        expect((op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name)).toEqual(pathParams);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "401"]));
      }
    }
    for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas, `schema ${ref}`).toHaveProperty([ref!]);
    }
  });

  test("each documented path answers with a status it documents", async ({ openSession, request, scenario }) => {
    const doc = (await (await request.get("/api/v1/openapi.json")).json()) as OpenApi;
    const priya = await openSession(PEOPLE.priya);
    // A file of Priya's to address the file routes with (uploading is itself a documented POST).
    const upload = await priya.context.request.post(`/api/v1/spaces/${scenario.spaces.kestrel.id}/files`, {
      multipart: { file: { name: "api-check.txt", mimeType: "text/plain", buffer: Buffer.from("Checking the API description.\n") } },
      // Uploads must come from Accord's own pages (the route checks Origin).
      headers: { origin: new URL(priya.page.url()).origin },
    });
    expect(upload.status(), "upload for the file routes").toBe(200);
    const fileId = ((await upload.json()) as { id: string }).id;
    // Kestrel's seeded board and one of its cards, for the board and card routes.
    const boardList = (await (await priya.context.request.get(`/api/v1/spaces/${scenario.spaces.kestrel.id}/boards`)).json()) as { items: { id: string }[] };
    const boardId = boardList.items[0]!.id;
    const board = (await (await priya.context.request.get(`/api/v1/boards/${boardId}`)).json()) as { columns: { cards: { id: string }[] }[] };
    const cardId = board.columns.flatMap((c) => c.cards)[0]!.id;
    // A national pre-planned response template, for the template routes.
    const templates = (await (await priya.context.request.get("/api/v1/response-templates")).json()) as { items: { id: string }[] };
    const templateId = templates.items[0]!.id;
    // No briefing is seeded: Priya publishes one (a documented POST) for the briefing routes.
    const published = await priya.context.request.post(`/api/v1/boards/${boardId}/briefings`, {
      data: { title: "API check briefing", body: "Checking the API description.", marking: "OFFICIAL" },
      headers: { origin: new URL(priya.page.url()).origin },
    });
    expect(published.status(), "publish for the briefing routes").toBe(200);
    const briefingId = ((await published.json()) as { id: string }).id;
    // A national form, and a draft submission of it Priya starts (a documented POST), for the form and submission routes.
    const formList = (await (await priya.context.request.get("/api/v1/forms")).json()) as { items: { id: string; key: string }[] };
    const formId = formList.items.find((f) => f.key === "mg11")!.id;
    const started = await priya.context.request.post(`/api/v1/forms/${formId}/submissions`, {
      data: { spaceId: scenario.spaces.kestrel.id, answers: { witnessName: "API check" } },
      headers: { origin: new URL(priya.page.url()).origin },
    });
    expect(started.status(), "a draft for the submission routes").toBe(200);
    const submissionId = ((await started.json()) as { id: string }).id;
    // The file plan is read by DCP's records managers, auditors and administrators, not Priya (403):
    // Janet reads its paths, with a seeded label for the label routes.
    const janet = await openSession(PEOPLE.janet);
    const labels = (await (await janet.context.request.get("/api/v1/retention-labels")).json()) as { items: { id: string }[] };
    const labelId = labels.items[0]!.id;
    // Holds, the review queue and certificates are records managers' too: Janet places a hold (a
    // documented POST) on DCP Training, for the hold routes.
    const placed = await janet.context.request.post("/api/v1/holds", {
      data: { name: "API check hold", kind: "other", reason: "Checking the API description.", spaceIds: [scenario.spaces.training.id] },
      headers: { origin: new URL(janet.page.url()).origin },
    });
    expect(placed.status(), "a hold for the hold routes").toBe(200);
    const holdId = ((await placed.json()) as { id: string }).id;
    // The SharePoint connection and queue are read by records managers too (and administrators, auditors).
    const RECORDS_PATHS = ["/retention-", "/holds", "/review-queue", "/disposal-certificates", "/record-items", "/sharepoint"];
    // The audit trail is read by the agency's auditors and administrators only: Sam.
    const sam = await openSession(PEOPLE.sam);
    const readerOf = (apiPath: string) => (apiPath.startsWith("/audit-events") ? sam : RECORDS_PATHS.some((p) => apiPath.startsWith(p)) ? janet : priya);
    const ids = { spaceId: scenario.spaces.kestrel.id, documentId: scenario.documents.investigationLog.id, fileId, boardId, cardId, templateId, briefingId, formId, submissionId, labelId, holdId };
    const fill = (apiPath: string, values: Record<string, string>) => apiPath.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? "");
    // Required query parameters take their first allowed value (e.g. format=docx).
    const query = (op: Operation) => {
      const required = (op.parameters ?? []).filter((p) => p.in === "query" && (p as { required?: boolean }).required);
      const pairs = required.map((p) => {
        const schema = (p as { schema?: { enum?: unknown[]; examples?: unknown[] } }).schema;
        return `${p.name}=${encodeURIComponent(String(schema?.enum?.[0] ?? schema?.examples?.[0] ?? ""))}`;
      });
      return pairs.length ? `?${pairs.join("&")}` : "";
    };

    try {
    for (const [apiPath, operations] of Object.entries(doc.paths)) {
      // Reads, and the one POST that changes nothing (a co-editing token); other writes are tested in their own specs.
      // A board's event stream never ends, so it is read in e2e/boards.spec.ts instead.
      if (apiPath.endsWith("/events")) continue;
      const checks = Object.entries(operations).filter(([method]) => method === "get" || (method === "post" && apiPath.endsWith("/collab-token")));
      for (const [method, op] of checks) {
        const documented = Object.keys(op.responses);
        const send = (ctx: typeof request, values: Record<string, string>) => ctx.fetch(`/api/v1${fill(apiPath, values)}${query(op)}`, { method: method.toUpperCase(), maxRedirects: 0 });
        const reader = readerOf(apiPath);
        const asReader = await send(reader.context.request, ids);
        expect(asReader.status(), `${method} ${apiPath} as ${reader === janet ? "Janet" : reader === sam ? "Sam" : "Priya"}`).toBe(200);
        const anonymous = await send(request, ids);
        expect(documented, `${method} ${apiPath} documents ${anonymous.status()}`).toContain(String(anonymous.status()));
        if (apiPath.includes("{")) {
          const missing = await send(reader.context.request, {
            spaceId: MISSING_ID,
            documentId: MISSING_ID,
            fileId: MISSING_ID,
            boardId: MISSING_ID,
            cardId: MISSING_ID,
            templateId: MISSING_ID,
            briefingId: MISSING_ID,
            formId: MISSING_ID,
            submissionId: MISSING_ID,
            labelId: MISSING_ID,
            holdId: MISSING_ID,
          });
          expect(missing.status(), `${method} ${apiPath} for a missing id`).toBe(404);
          expect(documented, `${method} ${apiPath} documents 404`).toContain("404");
        }
      }
    }
    } finally {
      // The hold was only for the hold routes: released (whatever failed above), so that later specs may delete in DCP Training.
      const released = await janet.context.request.post(`/api/v1/holds/${holdId}/release`, { data: { reason: "API description checked." }, headers: { origin: new URL(janet.page.url()).origin } });
      expect(released.status()).toBe(200);
    }
  });
});
