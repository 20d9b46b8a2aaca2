import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCORD_VERSION, ConfigError, parseEnv } from "./env";

/** The ConfigError message parseEnv throws for `raw` (fails the test if it does not throw). */
function configErrorOf(raw: Record<string, string | undefined>): string {
  try {
    parseEnv(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(raw)}`);
}

const oidcProvider = (id: string) => ({
  type: "oidc",
  id,
  name: "Devon & Cornwall Police",
  agency: "DCP",
  issuer: "https://idp.dcp.example",
  clientId: "accord",
  clientSecret: "s3cret",
});

describe("parseEnv", () => {
  it("fills in defaults for an empty environment", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      nodeEnv: "development",
      databaseUrl: undefined,
      dataDir: ".data",
      publicUrl: "http://localhost:3000",
      port: 3000,
      host: "0.0.0.0",
      authSecret: undefined,
      isDemo: true,
      ceiling: "OFFICIAL",
      sessionIdleMinutes: 30,
      sessionMaxHours: 10,
      identityProviders: [],
      blobDir: path.join(".data", "blobs"),
      maxUploadBytes: 25 * 1024 * 1024,
      clamd: undefined,
    });
  });

  it("treats empty strings as unset", () => {
    const e = parseEnv({ DATABASE_URL: "", ACCORD_SESSION_IDLE_MINUTES: "", PORT: "", ACCORD_DEMO: "" });
    expect(e.databaseUrl).toBeUndefined();
    expect(e.sessionIdleMinutes).toBe(30);
    expect(e.port).toBe(3000);
    expect(e.isDemo).toBe(true);
  });

  it("reads the values it is given", () => {
    const e = parseEnv({
      DATABASE_URL: "postgresql://accord@db.internal:6543/accord",
      ACCORD_URL: "https://accord.example/",
      ACCORD_SESSION_IDLE_MINUTES: "15",
      ACCORD_SESSION_MAX_HOURS: "8",
      ACCORD_CEILING: "SECRET",
      ACCORD_IDENTITY_PROVIDERS: JSON.stringify([oidcProvider("dcp")]),
    });
    expect(e.databaseUrl).toBe("postgresql://accord@db.internal:6543/accord");
    expect(e.publicUrl).toBe("https://accord.example");
    expect(e.sessionIdleMinutes).toBe(15);
    expect(e.sessionMaxHours).toBe(8);
    expect(e.ceiling).toBe("SECRET");
    expect(e.identityProviders).toEqual([oidcProvider("dcp")]);
  });

  it.each(["not a url", "mysql://accord@127.0.0.1/accord", "postgres://", "http://127.0.0.1:5432/accord"])(
    "rejects the malformed DATABASE_URL %j, naming the variable",
    (value) => {
      expect(configErrorOf({ DATABASE_URL: value })).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
    },
  );

  it("does not echo a rejected DATABASE_URL (it may hold a password)", () => {
    const message = configErrorOf({ DATABASE_URL: "mysql://accord:hunter2@127.0.0.1/accord" });
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("hunter2");
  });

  it.each(["maybe", "TRUE", "on"])("rejects ACCORD_DEMO=%j, naming the variable", (value) => {
    expect(configErrorOf({ ACCORD_DEMO: value })).toMatch(/ACCORD_DEMO: must be true or false/);
  });

  it.each(["0", "-5", "1.5", "abc"])("rejects ACCORD_SESSION_IDLE_MINUTES=%j, naming the variable", (value) => {
    expect(configErrorOf({ ACCORD_SESSION_IDLE_MINUTES: value })).toMatch(/ACCORD_SESSION_IDLE_MINUTES: must be/);
  });

  it("rejects ACCORD_SESSION_MAX_HOURS=0, naming the variable", () => {
    expect(configErrorOf({ ACCORD_SESSION_MAX_HOURS: "0" })).toMatch(/ACCORD_SESSION_MAX_HOURS: must be greater than zero/);
  });

  it("rejects ACCORD_IDENTITY_PROVIDERS that is not JSON, naming the variable", () => {
    expect(configErrorOf({ ACCORD_IDENTITY_PROVIDERS: "[{oops" })).toMatch(
      /ACCORD_IDENTITY_PROVIDERS: must be a JSON array of identity providers/,
    );
  });

  it("rejects ACCORD_IDENTITY_PROVIDERS with duplicate ids, naming the variable", () => {
    const raw = JSON.stringify([oidcProvider("dcp"), { ...oidcProvider("dcp"), agency: "DOR" }]);
    expect(configErrorOf({ ACCORD_IDENTITY_PROVIDERS: raw })).toMatch(/ACCORD_IDENTITY_PROVIDERS: provider ids must be unique/);
  });

  it("rejects an identity provider with a missing field, naming the variable", () => {
    const incomplete: Partial<ReturnType<typeof oidcProvider>> = oidcProvider("dcp");
    delete incomplete.clientSecret;
    expect(configErrorOf({ ACCORD_IDENTITY_PROVIDERS: JSON.stringify([incomplete]) })).toMatch(/ACCORD_IDENTITY_PROVIDERS/);
  });

  it("rejects an unknown ACCORD_CEILING", () => {
    expect(configErrorOf({ ACCORD_CEILING: "OFFICIAL-SENSITIVE" })).toMatch(/ACCORD_CEILING: must be OFFICIAL, SECRET or TOP SECRET/);
  });

  it("names every offending variable at once", () => {
    const message = configErrorOf({ ACCORD_DEMO: "maybe", ACCORD_SESSION_IDLE_MINUTES: "0", DATABASE_URL: "nope" });
    expect(message).toContain("ACCORD_DEMO");
    expect(message).toContain("ACCORD_SESSION_IDLE_MINUTES");
    expect(message).toContain("DATABASE_URL");
  });

  it("turns the demo on by default without DATABASE_URL and off by default with it", () => {
    expect(parseEnv({}).isDemo).toBe(true);
    expect(parseEnv({ DATABASE_URL: "postgres://accord@127.0.0.1:5432/accord" }).isDemo).toBe(false);
  });

  it("lets ACCORD_DEMO override the default either way", () => {
    expect(parseEnv({ ACCORD_DEMO: "false" }).isDemo).toBe(false);
    expect(parseEnv({ ACCORD_DEMO: "0" }).isDemo).toBe(false);
    expect(parseEnv({ ACCORD_DEMO: "true", DATABASE_URL: "postgres://accord@127.0.0.1:5432/accord" }).isDemo).toBe(true);
  });

  it("keeps uploaded files under the data folder unless ACCORD_BLOB_DIR says otherwise", () => {
    expect(parseEnv({ ACCORD_DATA_DIR: "/srv/accord" }).blobDir).toBe(path.join("/srv/accord", "blobs"));
    expect(parseEnv({ ACCORD_DATA_DIR: "/srv/accord", ACCORD_BLOB_DIR: "/mnt/accord-blobs" }).blobDir).toBe("/mnt/accord-blobs");
  });

  it.each(["public", "public/uploads", "./public/../public/blobs"])("refuses ACCORD_BLOB_DIR=%j inside the web root", (value) => {
    expect(configErrorOf({ ACCORD_BLOB_DIR: value })).toMatch(/ACCORD_BLOB_DIR: must be outside the web root/);
  });

  it("accepts a folder whose name merely starts with public", () => {
    expect(parseEnv({ ACCORD_BLOB_DIR: "public-blobs" }).blobDir).toBe("public-blobs");
  });

  it("reads ACCORD_MAX_UPLOAD_MB as mebibytes", () => {
    expect(parseEnv({ ACCORD_MAX_UPLOAD_MB: "2" }).maxUploadBytes).toBe(2 * 1024 * 1024);
  });

  it.each([
    ["0", /must be greater than zero/],
    ["2.5", /must be a whole number/],
    ["lots", /must be a whole number/],
    ["513", /must be at most 512/],
  ])("rejects ACCORD_MAX_UPLOAD_MB=%j, naming the variable", (value, message) => {
    expect(configErrorOf({ ACCORD_MAX_UPLOAD_MB: value })).toMatch(new RegExp(`ACCORD_MAX_UPLOAD_MB: ${message.source}`));
  });

  it("reads CLAMD_URL as a host and port", () => {
    expect(parseEnv({ CLAMD_URL: "tcp://127.0.0.1:3310" }).clamd).toEqual({ host: "127.0.0.1", port: 3310 });
    expect(parseEnv({ CLAMD_URL: "tcp://clamd.internal:3310/" }).clamd).toEqual({ host: "clamd.internal", port: 3310 });
    expect(parseEnv({ CLAMD_URL: "tcp://[::1]:3310" }).clamd).toEqual({ host: "::1", port: 3310 });
  });

  it("reads ACCORD_REMINDER_SWEEP_SECONDS: 300 by default, 0 for off", () => {
    expect(parseEnv({}).reminderSweepSeconds).toBe(300);
    expect(parseEnv({ ACCORD_REMINDER_SWEEP_SECONDS: "0" }).reminderSweepSeconds).toBe(0);
    expect(parseEnv({ ACCORD_REMINDER_SWEEP_SECONDS: "60" }).reminderSweepSeconds).toBe(60);
  });

  it.each([
    ["-1", /must be 0 \(off\) or more/],
    ["1.5", /must be a whole number of seconds/],
    ["often", /must be a whole number of seconds/],
    ["86401", /must be at most 86400/],
  ])("rejects ACCORD_REMINDER_SWEEP_SECONDS=%j, naming the variable", (value, message) => {
    expect(configErrorOf({ ACCORD_REMINDER_SWEEP_SECONDS: value })).toMatch(new RegExp(`ACCORD_REMINDER_SWEEP_SECONDS: ${message.source}`));
  });

  it("reads the retention settings: sweep every 3600s in batches of 500, certificates kept 7 years", () => {
    expect(parseEnv({})).toMatchObject({ retentionSweepSeconds: 3600, retentionSweepBatch: 500, certificateRetentionYears: 7 });
    expect(parseEnv({ ACCORD_RETENTION_SWEEP_SECONDS: "0", ACCORD_RETENTION_SWEEP_BATCH: "50", ACCORD_CERTIFICATE_RETENTION_YEARS: "10" })).toMatchObject({ retentionSweepSeconds: 0, retentionSweepBatch: 50, certificateRetentionYears: 10 });
  });

  it.each([
    ["ACCORD_RETENTION_SWEEP_SECONDS", "-5", /must be 0 \(off\) or more/],
    ["ACCORD_RETENTION_SWEEP_SECONDS", "90000", /must be at most 86400/],
    ["ACCORD_RETENTION_SWEEP_BATCH", "0", /must be greater than zero/],
    ["ACCORD_RETENTION_SWEEP_BATCH", "20000", /must be at most 10000/],
    ["ACCORD_CERTIFICATE_RETENTION_YEARS", "0", /must be greater than zero/],
    ["ACCORD_CERTIFICATE_RETENTION_YEARS", "seven", /must be a whole number/],
  ])("rejects %s=%j, naming the variable", (name, value, message) => {
    expect(configErrorOf({ [name]: value })).toMatch(new RegExp(`${name}: ${message.source}`));
  });

  it.each(["127.0.0.1:3310", "http://127.0.0.1:3310", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "tcp://clamd:3310/scan", "tcp://user:pw@clamd:3310", "tcp://clamd:99999"])(
    "rejects CLAMD_URL=%j, naming the variable",
    (value) => {
      expect(configErrorOf({ CLAMD_URL: value })).toMatch(/CLAMD_URL: must be tcp:\/\/host:port/);
    },
  );

  it("reports the version of package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string };
    expect(ACCORD_VERSION).toBe(pkg.version);
    expect(parseEnv({}).version).toBe(pkg.version);
  });
  it("reads REDIS_URL for co-editing across instances, and refuses anything but redis:// or rediss://", () => {
    expect(parseEnv({}).redisUrl).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe("redis://127.0.0.1:6379");
    expect(() => parseEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL: must be a Redis URL/);
    expect(() => parseEnv({ REDIS_URL: "not a url" })).toThrow(/REDIS_URL/);
  });

  it("reads SMTP_URL and SMTP_FROM together for notification e-mail, and refuses either alone or malformed", () => {
    expect(parseEnv({}).smtp).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "smtp://accord:pw@mail.dcp.example:587", SMTP_FROM: "Accord <accord@dcp.example>" }).smtp).toEqual({ url: "smtp://accord:pw@mail.dcp.example:587", from: "Accord <accord@dcp.example>" });
    expect(parseEnv({ SMTP_URL: "smtps://mail.dcp.example", SMTP_FROM: "accord@dcp.example" }).smtp?.from).toBe("accord@dcp.example");
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.dcp.example" })).toThrow(/SMTP_FROM: must be set when SMTP_URL is/);
    expect(() => parseEnv({ SMTP_FROM: "accord@dcp.example" })).toThrow(/SMTP_URL: must be set when SMTP_FROM is/);
    expect(() => parseEnv({ SMTP_URL: "https://mail.dcp.example", SMTP_FROM: "accord@dcp.example" })).toThrow(/SMTP_URL: must be an SMTP URL/);
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.dcp.example", SMTP_FROM: "not an address" })).toThrow(/SMTP_FROM: must be an e-mail address/);
  });
});
