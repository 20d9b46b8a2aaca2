/**
 * The delivery worker of bench/graph-sync.ts's kill -9 case, in a process of its own so that the
 * parent can SIGKILL it mid-upload: it opens the shared PostgreSQL database and blob folder, points
 * Graph at the parent's stand-in and delivers the outbox until told to die. Nothing here catches
 * the kill: whatever the worker had not settled is left exactly as a crash leaves it.
 */
import { randomUUID } from "node:crypto";
import { openDatabase } from "@/db/client";
import { localBlobStore } from "@/lib/files/blob-store";
import { setFileServices } from "@/lib/files/file-services";
import { overrideGraphSettings } from "@/lib/graph/graph-settings";
import { deliverGraphOutbox } from "@/lib/graph/deliver-graph-outbox";
import { trustCa } from "@/graph-standin/testing";

type ChildConfig = { databaseUrl: string; blobDir: string; standinUrl: string; caPem: string; chunkBytes: number; simpleUploadBytes: number; maxUploadBytes: number };

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "{}") as ChildConfig;
  trustCa(config.caPem);
  overrideGraphSettings({ url: config.standinUrl, loginUrl: config.standinUrl, chunkBytes: config.chunkBytes, simpleUploadBytes: config.simpleUploadBytes, ruPerMinute: 600_000 });
  setFileServices({ blobs: localBlobStore(config.blobDir), scanner: null, maxUploadBytes: config.maxUploadBytes });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl });
  process.send?.({ type: "ready" });
  // The default lease (300 s): after the kill the row stays claimed, as it would in production.
  const result = await deliverGraphOutbox({ db: handle.db, actor: null, requestId: `bench-child-${randomUUID()}`, now: new Date() });
  process.send?.({ type: "done", result });
  await handle.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
