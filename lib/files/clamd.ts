/**
 * Scans bytes with ClamAV's daemon over TCP (the INSTREAM command of clamd(8)): `zINSTREAM\0`,
 * then the data in chunks each prefixed by its length as 4 bytes big-endian, then a zero-length
 * chunk; clamd answers `stream: OK` or `stream: <signature> FOUND`, ended by NUL. The threat is
 * malware spread through a trusted workspace; the rule is fail closed: any answer but a clean one
 * (an error, a size limit, a timeout, a dropped connection, no daemon) is "unavailable", which the
 * upload turns into quarantine, never into "clean".
 */
import net from "node:net";

/** What a scan found. */
export type ScanResult =
  | { verdict: "clean" }
  | { verdict: "infected"; signature: string }
  | { verdict: "unavailable"; reason: string };

/** Something that can scan bytes for malware. */
export type Scanner = { scan(bytes: Uint8Array): Promise<ScanResult> };

export type ClamdOptions = {
  host: string;
  port: number;
  /** The whole exchange, from connecting to the answer (default 30 s). */
  timeoutMs?: number;
  /** Bytes per INSTREAM chunk (default 64 KiB, well under clamd's StreamMaxLength). */
  chunkBytes?: number;
};

// clamd's answers are one short line; anything longer is not clamd.
const MAX_REPLY_BYTES = 4096;

/** A Scanner that talks to clamd at host:port. */
export function clamdScanner(options: ClamdOptions): Scanner {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  return { scan: (bytes) => instream(options.host, options.port, bytes, timeoutMs, chunkBytes) };
}

function instream(host: string, port: number, bytes: Uint8Array, timeoutMs: number, chunkBytes: number): Promise<ScanResult> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const reply: Buffer[] = [];
    let replyLength = 0;
    let isSettled = false;
    let isSent = false;
    const settle = (result: ScanResult) => {
      if (isSettled) return;
      // "Clean" is only an answer about the whole file once the whole file has been sent.
      if (result.verdict === "clean" && !isSent) result = { verdict: "unavailable", reason: "the scanner answered before it had the whole file" };
      isSettled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ verdict: "unavailable", reason: `no answer from the scanner within ${timeoutMs} ms` }), timeoutMs);

    socket.on("error", (err: NodeJS.ErrnoException) => settle({ verdict: "unavailable", reason: `scanner unreachable (${err.code ?? err.message})` }));
    socket.on("data", (data: Buffer) => {
      reply.push(data);
      replyLength += data.length;
      const all = Buffer.concat(reply);
      const end = all.indexOf(0);
      if (end >= 0) settle(parseReply(all.subarray(0, end).toString("utf8")));
      else if (replyLength > MAX_REPLY_BYTES) settle({ verdict: "unavailable", reason: "the scanner's answer was not understood" });
    });
    // Closed without a NUL-terminated answer: whatever came is judged as it is (fail closed).
    socket.on("end", () => settle(reply.length ? parseReply(Buffer.concat(reply).toString("utf8")) : { verdict: "unavailable", reason: "the scanner closed the connection without answering" }));
    socket.on("connect", () => {
      void send(socket, bytes, chunkBytes).then(() => {
        isSent = true;
      }, (err: Error) => settle({ verdict: "unavailable", reason: `sending to the scanner failed (${err.message})` }));
    });
  });
}

/** Writes the command, the chunks and the terminating zero-length chunk, minding back-pressure. */
async function send(socket: net.Socket, bytes: Uint8Array, chunkBytes: number): Promise<void> {
  const write = (data: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      if (socket.destroyed) return reject(new Error("connection closed"));
      const isFlushed = socket.write(data, (err) => (err ? reject(err) : undefined));
      if (isFlushed) resolve();
      else socket.once("drain", resolve);
    });
  await write(Buffer.from("zINSTREAM\0", "latin1"));
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const chunk = bytes.subarray(at, Math.min(at + chunkBytes, bytes.length));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    await write(length);
    await write(chunk);
  }
  await write(Buffer.alloc(4));
}

/** `stream: OK`, `stream: <signature> FOUND`, or anything else (an error): unavailable. */
export function parseReply(raw: string): ScanResult {
  const line = raw.replace(/\0/g, "").trim();
  if (line === "stream: OK") return { verdict: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) {
    // The signature reaches messages and the audit trail: printable ASCII only, bounded.
    const signature = found[1]!.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
    return { verdict: "infected", signature };
  }
  return { verdict: "unavailable", reason: `the scanner answered "${line.replace(/[^\x20-\x7e]/g, "?").slice(0, 200)}"` };
}
