// Delta (change tracking, §7). Every change stamps the item with the drive's next sequence number;
// a token says "changes after sequence S". Tokens are opaque base64url JSON carrying the drive's
// token epoch, so expireDeltaTokens can invalidate every token issued so far (→ 410).
import type { Item, Store } from "./state";
import type { Serializer } from "./serialize";
import { fail } from "./http-util";

type Cursor = { d: string; e: number; m: "init" | "inc"; s: number; u: number; k?: [string | number, string] };

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decode(token: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Cursor;
    if (typeof c.d === "string" && typeof c.e === "number" && typeof c.s === "number") return c;
  } catch {
    // an unreadable token is treated like an expired one
  }
  return null;
}

/** Answers GET /drives/{id}/root/delta[?token=…]. */
export function deltaPage(store: Store, ser: Serializer, graphUrl: string, driveId: string, token: string | null, top: number, app: string | null) {
  const drive = store.drive(driveId);
  const base = `${graphUrl}/drives/${driveId}/root/delta`;
  const link = (c: Cursor) => `${base}?token=${encode(c)}`;
  if (token === "latest") {
    return { "@odata.context": `${graphUrl}/$metadata#Collection(driveItem)`, value: [], "@odata.deltaLink": link({ d: driveId, e: drive.deltaEpoch, m: "inc", s: drive.seq, u: drive.seq }) };
  }
  let cur: Cursor;
  if (token === null) {
    cur = { d: driveId, e: drive.deltaEpoch, m: "init", s: 0, u: drive.seq };
  } else {
    const c = decode(token);
    if (!c || c.d !== driveId || c.e !== drive.deltaEpoch) {
      throw fail(410, "resyncRequired", "The delta token is no longer valid; start a new enumeration and apply the differences.", "resyncApplyDifferences", { Location: base });
    }
    cur = c;
  }

  // Initial enumeration: live items in path order (parents before children). Incremental: every
  // item (tombstones included) changed after the token, in change order.
  const all = [...drive.items.values()];
  let list: { it: Item; key: [string | number, string] }[];
  if (cur.m === "init") {
    list = all.filter((it) => !it.deleted).map((it) => ({ it, key: [store.pathOf(it).toLowerCase(), it.id] as [string, string] }));
  } else {
    list = all.filter((it) => it.changeSeq > cur.s).map((it) => ({ it, key: [it.changeSeq, it.id] as [number, string] }));
  }
  const cmp = (a: [string | number, string], b: [string | number, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  list.sort((a, b) => cmp(a.key, b.key));
  // Resume after the last key emitted, so items created or deleted mid-paging do not shift pages;
  // anything missed here changed after `u` and shows up in the next round.
  if (cur.k) list = list.filter((e) => cmp(e.key, cur.k!) > 0);
  const page = list.slice(0, top);
  const value = page.map(({ it }) => {
    if (it.deleted) return ser.deletedItem(it);
    const j = ser.item(it, app);
    delete j["@odata.context"];
    return j;
  });
  const out: Record<string, unknown> = { "@odata.context": `${graphUrl}/$metadata#Collection(driveItem)`, value };
  if (list.length > page.length) {
    out["@odata.nextLink"] = link({ ...cur, k: page[page.length - 1]!.key });
  } else {
    // The next round starts from the sequence seen when this round began (duplicates are allowed).
    const since = cur.m === "init" ? cur.u : Math.max(cur.u, ...page.map((p) => p.it.changeSeq), cur.s);
    out["@odata.deltaLink"] = link({ d: driveId, e: drive.deltaEpoch, m: "inc", s: since, u: since });
  }
  return out;
}
