// Unauthenticated control endpoints under /_standin/ for processes that cannot call the
// programmatic API (Playwright, the demo). They are not recorded in `requests`.
import { fail, readJson, type Ctx, type Reply } from "./http-util";
import type { GraphStandin, FaultRule, StandinRequestRecord } from "./types";
import type { Store } from "./state";

/** Builds the /_standin/* handler over the programmatic API. */
export function controlHandler(api: () => GraphStandin, store: Store, requests: StandinRequestRecord[]) {
  return async (ctx: Ctx, rest: string): Promise<Reply> => {
    try {
      return await control(ctx, rest);
    } catch (e) {
      // remote.* throws plain Errors for unknown ids; report them as a bad request, not a crash.
      if (e instanceof Error && !("status" in e)) throw fail(400, "invalidRequest", e.message);
      throw e;
    }
  };
  async function control(ctx: Ctx, rest: string): Promise<Reply> {
    const a = api();
    const key = `${ctx.method} ${rest}`;
    switch (key) {
      case "POST /faults": {
        const b = (await readJson(ctx)) as Record<string, unknown>;
        if (typeof b.status !== "number") throw fail(400, "invalidRequest", "status is required.");
        const rule = { ...b } as FaultRule & { pathRegex?: string };
        // JSON cannot carry a RegExp; `pathRegex` (extension) is compiled here.
        if (typeof rule.pathRegex === "string") rule.path = new RegExp(rule.pathRegex);
        delete rule.pathRegex;
        a.faults.add(rule);
        return { status: 204 };
      }
      case "DELETE /faults":
        a.faults.clear();
        return { status: 204 };
      case "GET /requests":
        return { status: 200, json: requests };
      case "POST /remote/edit": {
        const b = await readJson(ctx);
        const view = a.remote.editContent(String(b.driveId), String(b.itemId), Buffer.from(String(b.contentBase64 ?? ""), "base64"), typeof b.by === "string" ? b.by : undefined);
        return { status: 200, json: view };
      }
      case "POST /remote/lock": {
        const b = await readJson(ctx);
        a.remote.setRecordLocked(String(b.driveId), String(b.itemId), b.locked === true);
        return { status: 200, json: a.remote.get(String(b.driveId), String(b.itemId)) };
      }
      case "POST /remote/fill-quota": {
        const b = await readJson(ctx);
        a.remote.fillQuota(String(b.driveId));
        return { status: 204 };
      }
      case "POST /remote/expire-delta": {
        const b = await readJson(ctx);
        a.remote.expireDeltaTokens(String(b.driveId));
        return { status: 204 };
      }
      case "POST /remote/delete": {
        const b = await readJson(ctx);
        a.remote.delete(String(b.driveId), String(b.itemId));
        return { status: 204 };
      }
      case "POST /remote/malware": {
        const b = await readJson(ctx);
        a.remote.markMalware(String(b.driveId), String(b.itemId));
        return { status: 204 };
      }
      case "GET /upload-sessions":
        return { status: 200, json: a.remote.uploadSessions() };
      case "GET /state":
        return { status: 200, json: stateJson(store) };
      default:
        throw fail(404, "itemNotFound", `No control endpoint ${key}.`);
    }
  }
}

function stateJson(store: Store) {
  return {
    sites: [...store.sites.values()].map((s) => ({
      id: s.id, hostname: s.config.hostname, path: s.config.path, displayName: s.config.displayName, tenantId: s.tenantId,
      drives: s.driveIds.map((d) => {
        const drive = store.drive(d);
        return {
          id: drive.id, name: drive.name, quota: { total: drive.quotaTotal, used: store.used(drive), remaining: store.remaining(drive) },
          items: [...drive.items.values()].filter((i) => !i.deleted).map((i) => store.view(i)).sort((x, y) => x.path.localeCompare(y.path)),
        };
      }),
    })),
  };
}
