/**
 * A 100 MB file goes to SharePoint through an upload session (issue 9) against the Graph stand-in:
 * the stand-in's own record of the item (its size and quickXorHash, computed as the fragments
 * arrive) must match the bytes Accord holds, and the session must be made of whole 320 KiB
 * fragments, none sent twice. The 3 MB case in graph-sync.test.ts covers resumption; this one
 * covers size, where a fragment read into memory whole or an off-by-one range would show.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, testCtx, type SeededScenario } from "@/db/factories";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { quickXorHash } from "@/graph-standin/quick-xor-hash";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { uploadFile } from "../files/upload-file";
import { saveGraphConnection } from "./save-graph-connection";
import { deliverGraphOutbox } from "./deliver-graph-outbox";
import { overrideGraphSettings } from "./graph-settings";
import { resetGates } from "./throttle-gate";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
const SIZE = 100 * 1024 * 1024;
temporaryFileServicesForFile({ maxUploadBytes: SIZE + 1024 * 1024 });

const CHUNK = 320 * 1024;
let standin: TestStandin;

beforeAll(async () => {
  standin = await startTestStandin();
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, simpleUploadBytes: 4 * 1024 * 1024, chunkBytes: CHUNK, ruPerMinute: 600_000 });
  resetGates();
}, 60_000);
afterAll(async () => {
  overrideGraphSettings(undefined);
  await standin?.s.close();
});

it("a 100 MB file arrives whole: the stand-in's size and quickXorHash match, in 320 KiB fragments", async () => {
  const sam = await policyCtx(db, await buildActor(db, s.userId("sam.patel@dcp.example")));
  await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: "6a1b2c3d-0000-4000-8000-00000000dc01", clientSecret: "accord-demo-secret", siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
  // The seeded documents go first, so the file's delivery below is the only session.
  await deliverGraphOutbox(testCtx(db, null), { leaseSeconds: 0 });

  // Text that varies along the file (Accord takes text, not arbitrary binary), so a fragment sent
  // at the wrong offset changes the hash.
  const bytes = new Uint8Array(SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIZE; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = i % 80 === 79 ? 10 : 97 + ((x >>> 0) % 26);
  }
  const expectedHash = quickXorHash(bytes);
  const priya = await policyCtx(db, await buildActor(db, s.userId("priya.shah@dcp.example")));
  const file = await uploadFile(priya, { spaceId: s.spaceId("Operation Kestrel"), name: "Interview transcript.txt", bytes });

  const result = await deliverGraphOutbox(testCtx(db, null), { leaseSeconds: 0 });
  expect(result).toMatchObject({ failed: 0, retried: 0, conflicts: 0 });

  const [state] = await db.select().from(t.graphItems).where(and(eq(t.graphItems.itemType, "file"), eq(t.graphItems.itemId, file.id)));
  expect(state?.status).toBe("synced");
  const item = (await (await standin.g("GET", `/drives/${standin.driveId}/items/${state!.remoteId}`)).json()) as { size: number; file?: { hashes?: { quickXorHash?: string } } };
  expect(item.size).toBe(SIZE);
  expect(item.file?.hashes?.quickXorHash).toBe(expectedHash);

  const sessions = standin.s.remote.uploadSessions().filter((x) => x.fileName === "Interview transcript.txt");
  expect(sessions).toHaveLength(1);
  expect(sessions[0]!.committed).toBe(true);
  expect(sessions[0]!.fragments).toHaveLength(Math.ceil(SIZE / CHUNK));
  expect(sessions[0]!.fragments.every((f) => (f.end - f.start + 1) % CHUNK === 0 || f.end === SIZE - 1)).toBe(true);
  expect(sessions[0]!.bytesReceivedTotal).toBe(SIZE);
}, 90_000);
