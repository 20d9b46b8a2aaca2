/**
 * Opens a ZIP archive (every docx, xlsx and pptx is one) within fixed limits. The threats: a zip
 * bomb (a few kilobytes that unpack to gigabytes, in one entry or in thousands), an archive whose
 * headers lie about what it holds, entries that escape a folder when unpacked (`../`), two entries
 * of the same name read differently by different programs, and encrypted entries nothing can
 * check. Every entry is really inflated, with the output capped at the size its header declares,
 * so a lie about sizes is caught rather than believed; nothing is ever written to disk.
 */
import { promisify } from "node:util";
import { crc32, inflateRaw } from "node:zlib";
import { ArchiveLimitError } from "../errors";

const inflateRawAsync = promisify(inflateRaw);

/** Limits on what one uploaded archive may hold. */
export type ZipLimits = {
  /** Most entries (files and folders). */
  maxEntries: number;
  /** Most bytes all entries may unpack to, together. */
  maxTotalUncompressedBytes: number;
};

/** Generous for real Office documents (hundreds of parts, tens of megabytes of XML), fatal to bombs. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalUncompressedBytes: 256 * 1024 * 1024 };

/** What the archive holds, with the content of the entries asked for. */
export type ZipContents = { names: string[]; kept: Map<string, Buffer> };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

type CentralEntry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
};

/** Refused with a message that says what was wrong and that nothing was kept. */
function refuse(reason: string): never {
  throw new ArchiveLimitError(`The file was refused: ${reason}`);
}

/** The end-of-central-directory record: searched back from the end, past an archive comment of at most 64 KiB. */
function findEndOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return refuse("it is not a readable ZIP archive (no central directory)");
}

/** The central directory's entries, checked against the limits before anything is unpacked. */
function readCentralDirectory(buf: Buffer, limits: ZipLimits): CentralEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const entriesOnDisk = buf.readUInt16LE(eocd + 8);
  const entryCount = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== entryCount) refuse("multi-part archives are not accepted");
  // ZIP64 marks (all ones) are only needed past 65,535 entries or 4 GiB, far beyond any upload.
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse("ZIP64 archives are not accepted");
  if (entryCount > limits.maxEntries) refuse(`the archive holds ${entryCount} entries, more than the ${limits.maxEntries} allowed`);
  if (cdOffset + cdSize > eocd) refuse("the archive's directory is damaged");

  const entries: CentralEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) refuse("the archive's directory is damaged");
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entry: CentralEntry = {
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString("utf8", at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + extraLength + commentLength;
    if (at > eocd) refuse("the archive's directory is damaged");
    if (entry.flags & 0x1) refuse("it holds encrypted entries, which cannot be checked");
    if (entry.method !== STORED && entry.method !== DEFLATED) refuse("it uses a compression method Accord does not accept");
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) refuse("ZIP64 archives are not accepted");
    if (!isSafeEntryName(entry.name)) refuse("an entry's name would escape its folder when unpacked");
    if (names.has(entry.name)) refuse("two entries have the same name");
    names.add(entry.name);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalUncompressedBytes) {
      refuse(`it would unpack to more than ${Math.round(limits.maxTotalUncompressedBytes / 1024 / 1024)} MB (a "zip bomb")`);
    }
    entries.push(entry);
  }
  return entries;
}

/** No absolute paths, drive letters, backslashes, `..` segments or control characters. */
function isSafeEntryName(name: string): boolean {
  if (name === "" || name.startsWith("/") || name.includes("\\") || /^[a-zA-Z]:/.test(name)) return false;
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return !name.split("/").includes("..");
}

/** The entry's compressed bytes, found through its local header (which must agree with the directory). */
function entryData(buf: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) refuse("an entry's header is damaged");
  const nameLength = buf.readUInt16LE(at + 26);
  const extraLength = buf.readUInt16LE(at + 28);
  if (buf.readUInt16LE(at + 8) !== entry.method || buf.toString("utf8", at + 30, at + 30 + nameLength) !== entry.name) {
    refuse("an entry's header disagrees with the archive's directory");
  }
  const start = at + 30 + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > buf.length) refuse("an entry runs past the end of the file");
  return buf.subarray(start, end);
}

/** Inflates one entry, never to more than it declares, and checks its size and CRC-32. */
async function unpack(buf: Buffer, entry: CentralEntry): Promise<Buffer> {
  const data = entryData(buf, entry);
  let out: Buffer;
  if (entry.method === STORED) {
    out = data;
  } else {
    try {
      // One byte more than declared: inflating that far proves the header lied.
      out = await inflateRawAsync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") refuse("an entry unpacks to more than its header declares");
      return refuse("an entry cannot be unpacked");
    }
  }
  if (out.length !== entry.uncompressedSize) refuse("an entry's size differs from what its header declares");
  if (crc32(out) !== entry.crc) refuse("an entry is damaged (its checksum does not match)");
  return out;
}

/**
 * Reads the archive within `limits`; keeps the content of the entries `keep` selects (which
 * should be small: they are held in memory). Throws ArchiveLimitError for anything amiss.
 */
export async function inspectZip(bytes: Uint8Array, keep: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipContents> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) refuse("it is not a readable ZIP archive");
  const entries = readCentralDirectory(buf, limits);
  const kept = new Map<string, Buffer>();
  // One entry at a time, so at most one entry's output is held unless it is kept.
  for (const entry of entries) {
    const content = await unpack(buf, entry);
    if (keep(entry.name)) kept.set(entry.name, content);
  }
  return { names: entries.map((e) => e.name), kept };
}
