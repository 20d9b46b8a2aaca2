/**
 * callJsonApi, the pages' one way to call the API, with `fetch` stood in for: what it sends, that
 * it hands back the API's error as given (with its details and the status), that it never throws,
 * and that a page may word the two fallback messages its own way.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { callJsonApi, PLAIN_FALLBACKS } from "./call-api";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** Answers every fetch with `answer` and keeps what was asked. */
function stubFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("callJsonApi", () => {
  it("sends JSON to /api/v1 and returns the body", async () => {
    const calls = stubFetch(() => json(200, { id: "c1" }));
    const result = await callJsonApi<{ id: string }>("/cards/c1", "PATCH", { title: "T" });
    expect(result).toEqual({ ok: true, data: { id: "c1" } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/v1/cards/c1");
    expect(calls[0]!.init).toMatchObject({ method: "PATCH", body: '{"title":"T"}', cache: "no-store", headers: { "content-type": "application/json" } });
  });

  it("sends no body and no content type when there is nothing to send", async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    const result = await callJsonApi("/comments/c1", "DELETE");
    expect(result).toEqual({ ok: true, data: null });
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.headers).toEqual({});
  });

  it("returns the API's error as given, with its details and the status", async () => {
    const current = { id: "s1", version: 4 };
    stubFetch(() => json(409, { error: { code: "conflict", message: "Changed since you opened it", current } }));
    const result = await callJsonApi<unknown, { current: typeof current }>("/submissions/s1", "PATCH", {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(409);
    expect(result.error).toEqual({ code: "conflict", message: "Changed since you opened it", current });
  });

  it("says something went wrong when the error is not the API's (no JSON, or no message)", async () => {
    stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await callJsonApi("/x", "GET")).toEqual({ ok: false, status: 502, error: { code: "internal", message: "Something went wrong. Nothing you typed is lost: try again." } });
    stubFetch(() => json(500, { error: { code: "internal" } }));
    expect(await callJsonApi("/x", "GET")).toEqual({ ok: false, status: 500, error: { code: "internal", message: "Something went wrong. Nothing you typed is lost: try again." } });
  });

  it("does not throw when Accord cannot be reached: status 0 and a plain message", async () => {
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await callJsonApi("/x", "POST", {})).toEqual({ ok: false, status: 0, error: { code: "network", message: "Accord could not be reached. Nothing you typed is lost: try again." } });
  });

  it("words the fallbacks as the page asks, and never the API's own message", async () => {
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    const unreachable = await callJsonApi("/x", "GET", undefined, PLAIN_FALLBACKS);
    expect(!unreachable.ok && unreachable.error.message).toBe("Accord could not be reached. Check your connection and try again.");

    stubFetch(() => new Response("", { status: 500 }));
    const failed = await callJsonApi("/x", "GET", undefined, { messages: { failed: "Your answers are still here." } });
    expect(!failed.ok && failed.error.message).toBe("Your answers are still here.");

    stubFetch(() => json(403, { error: { code: "forbidden", message: "You may not change this card" } }));
    const refused = await callJsonApi("/x", "GET", undefined, PLAIN_FALLBACKS);
    expect(!refused.ok && refused.error.message).toBe("You may not change this card");
  });
});
