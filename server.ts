/**
 * The one process of the embedded default: Next.js pages and API on one port (and, from the
 * co-editing issue on, the Hocuspocus WebSocket server under /collab and the job worker).
 * Start-up validates configuration and prepares the database before taking any request.
 */
import http from "node:http";
import next from "next";
import { ConfigError, env, type Env } from "./lib/env";
import { prepareDatabase, StartupError } from "./lib/system/prepare-database";
import { closeDatabase } from "./db/client";
import { newRequestId, REQUEST_ID_HEADER } from "./lib/http/request-id";

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
  server.on("upgrade", (req, socket, head) => {
    void upgrade(req, socket, head);
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    await app.close?.();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
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
