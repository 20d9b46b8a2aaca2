/**
 * The one place that reads process.env. Every variable is validated here; a wrong value stops
 * start-up with a message naming the variable (conventions.md §9). The README lists them all.
 */
import path from "node:path";
import { z } from "zod";

const ZBoolean = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ZPositiveInt = z.coerce
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .positive("must be greater than zero");

const ZDatabaseUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/accord");

/** One identity provider of one agency: generic OpenID Connect or Microsoft Entra ID. */
const ZIdentityProvider = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("oidc"),
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, "id must be 2-40 lower-case letters, digits or dashes"),
    name: z.string().min(1),
    agency: z.string().min(2).max(10),
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
  z.object({
    type: z.literal("entra"),
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, "id must be 2-40 lower-case letters, digits or dashes"),
    name: z.string().min(1),
    agency: z.string().min(2).max(10),
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
]);
export type IdentityProviderConfig = z.infer<typeof ZIdentityProvider>;

const ZProviders = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of identity providers" });
      return z.NEVER;
    }
  })
  .pipe(z.array(ZIdentityProvider))
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "provider ids must be unique");

/**
 * A folder for uploaded files' bytes. Never under public/, which Next.js serves to anyone: files
 * are only ever read through the authorized download route.
 */
const ZBlobDir = z
  .string()
  .trim()
  .min(1)
  .refine((dir) => {
    const publicDir = path.resolve("public");
    const resolved = path.resolve(dir);
    return resolved !== publicDir && !resolved.startsWith(publicDir + path.sep);
  }, "must be outside the web root (public/)");

/** clamd's TCP address, `tcp://host:port`, as host and port. */
const ZClamdUrl = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const message = "must be tcp://host:port, e.g. tcp://127.0.0.1:3310";
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const hasExtras = url.username !== "" || url.password !== "" || (url.pathname !== "" && url.pathname !== "/") || url.search !== "" || url.hash !== "";
    if (url.protocol !== "tcp:" || url.hostname === "" || url.port === "" || url.port === "0" || hasExtras) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    // IPv6 literals come back bracketed from URL; node:net wants them bare.
    return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port) };
  });

const ZHttpsUrl = z
  .url({ message: "must be an absolute https URL" })
  .refine((v) => v.startsWith("https://"), "must be an https URL (Graph and Entra ID are reached over TLS only)")
  .transform((v) => v.replace(/\/+$/, ""));

/**
 * The SMTP server notification e-mails go through: smtp:// (STARTTLS when the server offers it)
 * or smtps:// (TLS from the start), with the user and password in the URL when it needs them.
 */
const ZSmtpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "" && (u.pathname === "" || u.pathname === "/");
    } catch {
      return false;
    }
  }, "must be an SMTP URL such as smtp://user:password@mail.example:587 or smtps://mail.example:465");

/** The sender of notification e-mails: an address, or a name and address ("Accord <accord@force.example>"). */
const ZSmtpFrom = z
  .string()
  .trim()
  .refine((v) => /^(?:[^<>\r\n]+<[^@<>\s]+@[^@<>\s]+>|[^@<>\s]+@[^@<>\s]+)$/.test(v), "must be an e-mail address, or a name and address such as Accord <accord@force.example>");

const ZCeiling = z.enum(["OFFICIAL", "SECRET", "TOP SECRET"], {
  message: "must be OFFICIAL, SECRET or TOP SECRET",
});

const ZRawEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: ZDatabaseUrl.optional(),
  ACCORD_DATA_DIR: z.string().min(1).default(".data"),
  ACCORD_URL: z.url({ message: "must be an absolute URL such as http://localhost:3000" }).default("http://localhost:3000"),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ACCORD_DEMO: ZBoolean.optional(),
  ACCORD_CEILING: ZCeiling.default("OFFICIAL"),
  ACCORD_SESSION_IDLE_MINUTES: ZPositiveInt.default(30),
  ACCORD_SESSION_MAX_HOURS: ZPositiveInt.default(10),
  ACCORD_IDENTITY_PROVIDERS: ZProviders.optional(),
  REDIS_URL: z
    .url({ message: "must be a Redis URL such as redis://127.0.0.1:6379" })
    .refine((v) => /^rediss?:\/\/[^/]/.test(v), "must be a Redis URL such as redis://127.0.0.1:6379")
    .optional(),
  ACCORD_BLOB_DIR: ZBlobDir.optional(),
  // Uploads are held in memory while they are checked and scanned, hence an upper bound.
  ACCORD_MAX_UPLOAD_MB: ZPositiveInt.max(512, "must be at most 512").default(25),
  CLAMD_URL: ZClamdUrl.optional(),
  // 0 turns the sweep off; at most a day (a reminder "due soon" looks 24 hours ahead).
  ACCORD_REMINDER_SWEEP_SECONDS: z.coerce
    .number({ message: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (off) or more")
    .max(86_400, "must be at most 86400 (a day)")
    .default(300),
  // The retention sweep (issue 8): due items are reviewed, relabelled or disposed. 0 turns the
  // schedule off (the sweep can still be run by hand); at most a day, so nothing waits longer.
  ACCORD_RETENTION_SWEEP_SECONDS: z.coerce
    .number({ message: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (off) or more")
    .max(86_400, "must be at most 86400 (a day)")
    .default(3600),
  // Items one sweep transaction moves: short transactions, so normal use is never held up for long.
  ACCORD_RETENTION_SWEEP_BATCH: ZPositiveInt.max(10_000, "must be at most 10000").default(500),
  // How long a certificate of disposal is kept (Purview keeps its proof of disposition 7 years).
  ACCORD_CERTIFICATE_RETENTION_YEARS: ZPositiveInt.max(100, "must be at most 100").default(7),
  // Microsoft Graph (issue 9). The defaults are Microsoft's own; a deployment points them at the
  // local stand-in (graph-standin/) for tests and the demo.
  ACCORD_GRAPH_URL: ZHttpsUrl.default("https://graph.microsoft.com"),
  ACCORD_GRAPH_LOGIN_URL: ZHttpsUrl.default("https://login.microsoftonline.com"),
  // A PEM file of extra certificate authorities to trust for Graph and sign-in (the stand-in's).
  ACCORD_GRAPH_CA_FILE: z.string().trim().min(1).optional(),
  // The pace of Graph calls per connection, in SharePoint resource units per minute (Microsoft
  // gives an app 1,200 to 6,000 per minute per tenant, by licence count).
  ACCORD_GRAPH_RU_PER_MINUTE: ZPositiveInt.max(1_000_000, "must be at most 1000000").default(1200),
  // How often each connected drive is asked for its changes (delta); 0: never.
  ACCORD_GRAPH_DELTA_SECONDS: z.coerce
    .number({ message: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (off) or more")
    .max(86_400, "must be at most 86400 (a day)")
    .default(60),
  // Files up to this size go in one PUT; larger ones through an upload session.
  ACCORD_GRAPH_SIMPLE_UPLOAD_MB: ZPositiveInt.max(250, "must be at most 250 (Graph's limit for one PUT)").default(4),
  // An upload session's chunk: a multiple of 320 KiB (Graph refuses others), under 60 MiB.
  ACCORD_GRAPH_CHUNK_KIB: ZPositiveInt.refine((v) => v % 320 === 0, "must be a multiple of 320 (KiB)")
    .refine((v) => v < 60 * 1024, "must be under 61440 (60 MiB)")
    .default(3200),
  // Starts the local Graph stand-in inside Accord and connects the demo agency to it (npm run demo:graph).
  ACCORD_GRAPH_STANDIN: ZBoolean.optional(),
  ACCORD_GRAPH_STANDIN_PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(4443),
  // Notification e-mail (issue 10): both or neither.
  SMTP_URL: ZSmtpUrl.optional(),
  SMTP_FROM: ZSmtpFrom.optional(),
}).superRefine((e, ctx) => {
  if (e.SMTP_URL && !e.SMTP_FROM) ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "must be set when SMTP_URL is (the address notification e-mails come from)" });
  if (e.SMTP_FROM && !e.SMTP_URL) ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "must be set when SMTP_FROM is (the server notification e-mails go through)" });
});

/** Validated configuration. */
export type Env = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  port: number;
  host: string;
  authSecret: string | undefined;
  isDemo: boolean;
  ceiling: z.infer<typeof ZCeiling>;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  identityProviders: IdentityProviderConfig[];
  /** Redis for co-editing across several instances (Hocuspocus fan-out); unset: one instance. */
  redisUrl: string | undefined;
  /** Where uploaded files' bytes are kept (default `<dataDir>/blobs`). */
  blobDir: string;
  /** The largest upload accepted, in bytes (ACCORD_MAX_UPLOAD_MB mebibytes). */
  maxUploadBytes: number;
  /** clamd to scan uploads with, or undefined for no scanning. */
  clamd: { host: string; port: number } | undefined;
  /** How often the server sweeps for due-soon and overdue cards, in seconds; 0: never. */
  reminderSweepSeconds: number;
  /** How often the job queue runs the retention sweep, in seconds; 0: never (it still runs once at start-up). */
  retentionSweepSeconds: number;
  /** Items moved per retention sweep transaction. */
  retentionSweepBatch: number;
  /** Years a certificate of disposal is kept after the disposal. */
  certificateRetentionYears: number;
  /** Microsoft Graph: where it is, how fast to call it, how to upload to it (issue 9). */
  graph: {
    /** Graph's base, without the version (…/v1.0 is added). */
    url: string;
    /** Entra ID's base; a tenant's authority is `<loginUrl>/<tenantId>`. */
    loginUrl: string;
    caFile: string | undefined;
    ruPerMinute: number;
    deltaSeconds: number;
    simpleUploadBytes: number;
    chunkBytes: number;
    /** Whether to run the stand-in in this process (the demo), and on which port. */
    standin: boolean;
    standinPort: number;
  };
  /** The SMTP server notification e-mails are sent through, and their sender; undefined: no e-mail. */
  smtp: SmtpConfig | undefined;
  version: string;
};

/** Where notification e-mails go out: an smtp:// or smtps:// URL and the From address. */
export type SmtpConfig = { url: string; from: string };

/** Thrown when configuration is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses a raw environment (process.env in production; a plain object in tests). */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": shells and .env files often leave variables empty.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZRawEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(`Accord cannot start: invalid configuration\n${lines.join("\n")}`);
  }
  const e = result.data;
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ACCORD_DATA_DIR,
    publicUrl: e.ACCORD_URL.replace(/\/$/, ""),
    port: e.PORT,
    host: e.HOST,
    authSecret: e.AUTH_SECRET,
    // The demo sign-in is on by default only in the embedded default (no DATABASE_URL).
    isDemo: e.ACCORD_DEMO ?? e.DATABASE_URL === undefined,
    ceiling: e.ACCORD_CEILING,
    sessionIdleMinutes: e.ACCORD_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.ACCORD_SESSION_MAX_HOURS,
    identityProviders: e.ACCORD_IDENTITY_PROVIDERS ?? [],
    redisUrl: e.REDIS_URL,
    blobDir: e.ACCORD_BLOB_DIR ?? path.join(e.ACCORD_DATA_DIR, "blobs"),
    maxUploadBytes: e.ACCORD_MAX_UPLOAD_MB * 1024 * 1024,
    clamd: e.CLAMD_URL,
    reminderSweepSeconds: e.ACCORD_REMINDER_SWEEP_SECONDS,
    retentionSweepSeconds: e.ACCORD_RETENTION_SWEEP_SECONDS,
    retentionSweepBatch: e.ACCORD_RETENTION_SWEEP_BATCH,
    certificateRetentionYears: e.ACCORD_CERTIFICATE_RETENTION_YEARS,
    graph: {
      url: e.ACCORD_GRAPH_URL,
      loginUrl: e.ACCORD_GRAPH_LOGIN_URL,
      caFile: e.ACCORD_GRAPH_CA_FILE,
      ruPerMinute: e.ACCORD_GRAPH_RU_PER_MINUTE,
      deltaSeconds: e.ACCORD_GRAPH_DELTA_SECONDS,
      simpleUploadBytes: e.ACCORD_GRAPH_SIMPLE_UPLOAD_MB * 1024 * 1024,
      chunkBytes: e.ACCORD_GRAPH_CHUNK_KIB * 1024,
      standin: e.ACCORD_GRAPH_STANDIN ?? false,
      standinPort: e.ACCORD_GRAPH_STANDIN_PORT,
    },
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    version: ACCORD_VERSION,
  };
}

/** Kept in step with package.json by a test. */
export const ACCORD_VERSION = "0.1.0";

let cached: Env | undefined;

/** The process configuration, parsed once. Throws ConfigError on a bad value. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
