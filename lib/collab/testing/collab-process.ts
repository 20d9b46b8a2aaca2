/**
 * A process that runs only the collaboration server on a real database, for the crash test
 * (collab-crash.test.ts): it migrates and seeds the database, prints one line of JSON with its port
 * and a collaboration token for Priya on "Investigation log", and serves until killed. Tests may
 * read the environment directly (this is test tooling, not the app).
 *   COLLAB_TEST_DATA_DIR  embedded PGlite data directory (or COLLAB_TEST_DATABASE_URL for PostgreSQL)
 *   COLLAB_TEST_SECRET    the token key
 *   COLLAB_TEST_DEBOUNCE_MS / COLLAB_TEST_MAX_DEBOUNCE_MS  persistence timing
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "@/db/client";
import * as t from "@/db/schema";
import { seedScenario } from "@/db/seed/seed-scenario";
import { startSession } from "@/lib/auth/start-session";
import { createCollabServer, COLLAB_PATH } from "../collab-server";
import { mintCollabToken } from "../collab-token";

const env = process.env;
const secret = env.COLLAB_TEST_SECRET ?? "collab-process-secret-0123456789abcdefghij";
const handle = await openDatabase(env.COLLAB_TEST_DATABASE_URL ? { databaseUrl: env.COLLAB_TEST_DATABASE_URL } : { dataDir: env.COLLAB_TEST_DATA_DIR });
await migrateDatabase(handle);
await seedScenario(handle.db);
const [priya] = await handle.db.select().from(t.users).where(eq(t.users.email, "priya.shah@dcp.example"));
const [log] = await handle.db.select().from(t.documents).where(eq(t.documents.title, "Investigation log"));
const sessionToken = await startSession({ db: handle.db, actor: null, requestId: "collab-process", now: new Date() }, { userId: priya!.id, agencyId: priya!.agencyId, provider: "test", maxHours: 1 });

const collab = createCollabServer({
  db: async () => handle.db,
  secret: () => secret,
  allowedOrigins: ["http://accord.test"],
  sessionPolicy: { idleMinutes: 30 },
  debounceMs: Number(env.COLLAB_TEST_DEBOUNCE_MS ?? 200),
  maxDebounceMs: Number(env.COLLAB_TEST_MAX_DEBOUNCE_MS ?? 1000),
});
const server = http.createServer((_req, res) => res.end());
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  const { token } = mintCollabToken(secret, { documentId: log!.id, userId: priya!.id, sessionToken, now: new Date() });
  console.log(JSON.stringify({ url: `ws://127.0.0.1:${port}${COLLAB_PATH}`, documentId: log!.id, token }));
});
