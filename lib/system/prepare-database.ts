/**
 * Start-up work on the database: open it, apply the committed migrations, and seed the demo
 * scenario when demo mode is on. Failures become messages a person can act on.
 */
import { getDatabase, migrateDatabase, type DatabaseHandle } from "@/db/client";
import { seedScenario } from "@/db/seed/seed-scenario";
import { seedDocumentContent } from "../collab/seed-document-content";
import { indexStaleDocumentTexts } from "../search/index-document-text";
import { ensureNationalTemplates } from "../responses/ensure-national-templates";
import { ensureNationalForms } from "../forms/ensure-national-forms";
import type { Env } from "../env";

/** Start-up failure with an explanation meant for whoever runs Accord. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

/** Opens, migrates, puts in the national response templates and forms and (in demo mode) seeds the process's database. */
export async function prepareDatabase(e: Env): Promise<{ handle: DatabaseHandle; seeded: boolean }> {
  let handle: DatabaseHandle;
  try {
    handle = await getDatabase({ databaseUrl: e.databaseUrl, dataDir: e.dataDir });
    await migrateDatabase(handle);
    // Every deployment has the national pre-planned responses and forms, whether or not it runs the demo.
    await ensureNationalTemplates(handle.db);
    await ensureNationalForms(handle.db);
  } catch (err) {
    throw new StartupError(describeDatabaseError(err, e));
  }
  const seeded = e.isDemo ? await seedScenario(handle.db) : false;
  if (e.isDemo) await seedDocumentContent(handle.db);
  // Documents stored before search existed, or by a path that does not index, become searchable.
  await indexStaleDocumentTexts(handle.db);
  return { handle, seeded };
}

/** Turns a driver error into a sentence naming what to check. */
export function describeDatabaseError(err: unknown, e: Pick<Env, "databaseUrl" | "dataDir">): string {
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (e.databaseUrl) {
    const u = new URL(e.databaseUrl);
    const where = `${u.hostname}:${u.port || "5432"}${u.pathname}`;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "CONNECT_TIMEOUT" || code === "EAI_AGAIN") {
      return `Cannot reach PostgreSQL at ${where} (${code}). Check that the server is running and DATABASE_URL is right.`;
    }
    if (code === "3D000") return `The database in DATABASE_URL does not exist (${where}). Create it first, e.g. createdb ${u.pathname.slice(1)}.`;
    if (code === "28P01" || code === "28000") return `PostgreSQL refused the credentials in DATABASE_URL (${where}).`;
    return `Cannot open PostgreSQL at ${where}: ${message}`;
  }
  if (err instanceof Error && err.name === "DataDirInUseError") return message;
  return `Cannot open the embedded database in ${e.dataDir}/pglite: ${message}`;
}
