/**
 * The one process of the embedded default: Next.js pages and API and the co-editing WebSocket
 * server (Hocuspocus, under /collab) on one port. Start-up validates configuration and prepares
 * the database before taking any request; shutdown stores every document with pending edits.
 */
import http from "node:http";
import next from "next";
import { ConfigError, env, type Env } from "./lib/env";
import { prepareDatabase, StartupError } from "./lib/system/prepare-database";
import { closeDatabase } from "./db/client";
import { newRequestId, REQUEST_ID_HEADER } from "./lib/http/request-id";
import { COLLAB_PATH, createCollabServer } from "./lib/collab/collab-server";
import { database } from "./lib/database";
import { authSecret } from "./lib/auth/secret";
import { trustCertificateAuthority, trustCertificateAuthorityFile } from "./lib/graph/trust-graph-ca";
import { overrideGraphSettings } from "./lib/graph/graph-settings";
import { connectDemoStandin } from "./lib/graph/connect-demo-standin";
import { Redis } from "@hocuspocus/extension-redis";
import { createRedisCollabSignalBus, redisOptionsFromUrl } from "./lib/collab/collab-signal-bus";
import { startReminderSweep } from "./lib/notifications/start-reminder-sweep";
import { startJobQueue, type JobQueueHandle } from "./lib/jobs/job-queue";
import { createNotificationMailer } from "./lib/notifications/send-notification-email";

async function main(): Promise<void> {
  let config: Env;
  try {
    config = env();
  } catch (err) {
    if (err instanceof ConfigError) fatal(err.message);
    throw err;
  }
  const isDev = process.argv.includes("--dev");

  log(`Accord ${config.version} starting (${config.databaseUrl ? "PostgreSQL" : `embedded PGlite in ${config.dataDir}`})`);
  try {
    const { seeded } = await prepareDatabase(config);
    if (seeded) log("Seeded the demo scenario (every demo password is accord-demo)");
  } catch (err) {
    if (err instanceof StartupError) fatal(err.message);
    throw err;
  }

  const app = next({ dev: isDev, dir: import.meta.dirname, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const server = http.createServer((req, res) => {
    // A request id for the audit trail; never trust one sent by the client.
    req.headers[REQUEST_ID_HEADER] = newRequestId();
    res.setHeader(REQUEST_ID_HEADER, req.headers[REQUEST_ID_HEADER]);
    handle(req, res).catch((err: unknown) => {
      console.error(`[${req.headers[REQUEST_ID_HEADER]}]`, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  const collab = createCollabServer({
    db: async () => (await database()).db,
    secret: authSecret,
    allowedOrigins: allowedOrigins(config.publicUrl),
    sessionPolicy: { idleMinutes: config.sessionIdleMinutes },
    log: (message) => log(`collab: ${message}`),
    // With several instances behind a load balancer, Redis relays each document's updates and
    // presence between them (one instance needs nothing).
    extensions: config.redisUrl ? [redisExtension(config.redisUrl)] : [],
    // ...and tells the other instances when an operation here may have taken access away, or
    // changed the comments of a document open there.
    signals: config.redisUrl ? createRedisCollabSignalBus(redisOptionsFromUrl(config.redisUrl)) : undefined,
  });
  if (config.redisUrl) log(`collab: fan-out through Redis at ${new URL(config.redisUrl).host}`);
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === COLLAB_PATH || path?.startsWith(`${COLLAB_PATH}/`)) collab.handleUpgrade(req, socket, head);
    else void upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") fatal(`Port ${config.port} is already in use. Set PORT to another port.`);
    throw err;
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log(`Ready on http://localhost:${port}${config.isDemo ? " (demo sign-in on)" : ""}`);

  // Background work on the job queue (pg-boss, on PostgreSQL or over the embedded PGlite), once
  // per deployment: the retention sweep, now and every ACCORD_RETENTION_SWEEP_SECONDS, and the
  // card reminder sweep (due-soon and overdue cards), now and every ACCORD_REMINDER_SWEEP_SECONDS.
  // A queue that cannot start is logged, never fatal: pages and the API do not depend on it, and
  // reminders then run in this process instead (a failing sweep is logged and retried).
  // Microsoft Graph: an extra authority to trust (a stand-in's or an inspecting proxy's), and in
  // the SharePoint demo the stand-in itself, in this process, with DCP connected to it.
  if (config.graph.caFile) trustCertificateAuthorityFile(config.graph.caFile);
  let standin: { close(): Promise<void> } | null = null;
  if (config.graph.standin) {
    const { startGraphStandin } = await import("./graph-standin/index");
    const { DEFAULT_STANDIN_CONFIG } = await import("./graph-standin/default-config");
    const started = await startGraphStandin({ ...DEFAULT_STANDIN_CONFIG, port: config.graph.standinPort });
    trustCertificateAuthority(started.caPem);
    overrideGraphSettings({ url: started.url, loginUrl: started.url });
    standin = started;
    const connected = await connectDemoStandin((await database()).db);
    log(`Graph stand-in on ${started.url} (demo SharePoint)${connected ? "; Devon & Cornwall Police connected to it" : ""}`);
  }

  let jobs: JobQueueHandle | null = null;
  let reminders: ReturnType<typeof startReminderSweep> | null = null;
  try {
    jobs = await startJobQueue({ database: await database(), databaseUrl: config.databaseUrl, retentionSweepSeconds: config.retentionSweepSeconds, reminderSweepSeconds: config.reminderSweepSeconds, graphDeltaSeconds: config.graph.deltaSeconds, mailer: config.smtp ? createNotificationMailer(config.smtp, config.publicUrl) : undefined, log });
    log(config.smtp ? `jobs: notification e-mail through ${new URL(config.smtp.url).host}` : "notifications: in the app only (no SMTP_URL)");
    log(config.retentionSweepSeconds > 0 ? `jobs: retention sweep every ${config.retentionSweepSeconds}s` : "jobs: retention sweep at start-up only (ACCORD_RETENTION_SWEEP_SECONDS=0)");
    log(config.reminderSweepSeconds > 0 ? `jobs: reminder sweep every ${config.reminderSweepSeconds}s` : "reminders: off (ACCORD_REMINDER_SWEEP_SECONDS=0)");
  } catch (err) {
    console.error("[accord] jobs: the job queue could not start; retention sweeps are not running, reminders run in this process", err);
    if (config.reminderSweepSeconds > 0) reminders = startReminderSweep({ db: async () => (await database()).db, intervalSeconds: config.reminderSweepSeconds, log });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    server.close();
    // Edits people have seen acknowledged are stored before the process ends.
    await collab.close().catch((err: unknown) => console.error("[accord] collab shutdown", err));
    server.closeAllConnections();
    await reminders?.stop().catch((err: unknown) => console.error("[accord] reminders shutdown", err));
    await jobs?.stop().catch((err: unknown) => console.error("[accord] jobs shutdown", err));
    await standin?.close().catch((err: unknown) => console.error("[accord] Graph stand-in shutdown", err));
    await app.close?.();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/**
 * The origins a browser may open the collaboration socket from: ACCORD_URL's, and for a
 * localhost deployment its 127.0.0.1 twin (people type either).
 */
function allowedOrigins(publicUrl: string): string[] {
  const origin = new URL(publicUrl);
  const origins = [origin.origin];
  const twin = origin.hostname === "localhost" ? "127.0.0.1" : origin.hostname === "127.0.0.1" ? "localhost" : null;
  if (twin) origins.push(`${origin.protocol}//${twin}${origin.port ? `:${origin.port}` : ""}`);
  return origins;
}

/** The Hocuspocus Redis extension for a redis:// or rediss:// URL. */
function redisExtension(redisUrl: string): Redis {
  const { host, port, ...options } = redisOptionsFromUrl(redisUrl);
  return new Redis({ host, port, options });
}

function log(message: string): void {
  console.log(`[accord] ${message}`);
}

function fatal(message: string): never {
  console.error(`[accord] ${message}`);
  process.exit(1);
}

main().catch((err: unknown) => {
  console.error("[accord] Unexpected start-up failure:", err);
  process.exit(1);
});
