/** The clamd INSTREAM client against a stand-in clamd on 127.0.0.1: clean, infected, and fail closed. */
import { afterEach, describe, expect, it } from "vitest";
import { clamdScanner, parseReply } from "./clamd";
import { eicarFile, startFakeClamd, textFile, unusedPort, type FakeClamd } from "./testing/file-fixtures";

let clamd: FakeClamd | undefined;
afterEach(async () => {
  await clamd?.close();
  clamd = undefined;
});

describe("clamdScanner", () => {
  it("streams the whole file in length-prefixed chunks and reports it clean", async () => {
    clamd = await startFakeClamd("answer");
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    const result = await clamdScanner({ host: "127.0.0.1", port: clamd.port, chunkBytes: 4096 }).scan(bytes);
    expect(result).toEqual({ verdict: "clean" });
    expect(clamd.scans).toHaveLength(1);
    expect(Buffer.from(clamd.scans[0]!).equals(Buffer.from(bytes))).toBe(true);
  });

  it("reports the EICAR test file as infected, with its signature", async () => {
    clamd = await startFakeClamd("answer");
    const result = await clamdScanner({ host: "127.0.0.1", port: clamd.port }).scan(eicarFile());
    expect(result).toEqual({ verdict: "infected", signature: "Win.Test.EICAR_HDB-1" });
  });

  it("fails closed when nothing listens", async () => {
    const result = await clamdScanner({ host: "127.0.0.1", port: await unusedPort() }).scan(textFile("hello"));
    expect(result).toMatchObject({ verdict: "unavailable", reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("fails closed when the scanner never answers", async () => {
    clamd = await startFakeClamd("hang");
    const started = Date.now();
    const result = await clamdScanner({ host: "127.0.0.1", port: clamd.port, timeoutMs: 300 }).scan(textFile("hello"));
    expect(result).toMatchObject({ verdict: "unavailable", reason: expect.stringMatching(/within 300 ms/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("fails closed when the scanner hangs up", async () => {
    clamd = await startFakeClamd("close");
    const result = await clamdScanner({ host: "127.0.0.1", port: clamd.port, timeoutMs: 5_000 }).scan(textFile("hello"));
    expect(result.verdict).toBe("unavailable");
  });
});

describe("parseReply", () => {
  it.each([
    ["stream: OK\0", { verdict: "clean" }],
    ["stream: Eicar-Signature FOUND\0", { verdict: "infected", signature: "Eicar-Signature" }],
    ["INSTREAM size limit exceeded. ERROR\0", { verdict: "unavailable" }],
    ["stream: OK FOUND", { verdict: "infected", signature: "OK" }],
    ["", { verdict: "unavailable" }],
    ["stream: ok", { verdict: "unavailable" }],
  ])("reads %j", (reply, expected) => {
    expect(parseReply(reply)).toMatchObject(expected);
  });
});
