/**
 * Reads the top-level entry names of a Compound File Binary (OLE2) file: the container of legacy
 * Word (.doc), Excel (.xls) and PowerPoint (.ppt) files, and of much else (installers, Outlook
 * messages, Visio drawings). The magic bytes say only "a compound file"; the streams at its root
 * say which application's. The threat: a hostile file whose sector chains loop or point outside
 * it, built to hang or crash a parser, so every chain is bounded and every sector number checked.
 */
import { FileContentMismatchError } from "../errors";

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const NO_STREAM = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

/** The streams and storages directly under the root, by name. */
export type CfbRoot = { streams: Set<string>; storages: Set<string> };

function damaged(): never {
  throw new FileContentMismatchError("The file looks like an old-style Office document but its structure is damaged, so it was refused");
}

/** The names of the entries at the root of the compound file; throws when it is malformed. */
export function readCfbRoot(bytes: Uint8Array): CfbRoot {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 512 || !buf.subarray(0, 8).equals(SIGNATURE)) damaged();
  const major = buf.readUInt16LE(0x1a);
  const sectorShift = buf.readUInt16LE(0x1e);
  if (buf.readUInt16LE(0x1c) !== 0xfffe || !((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) damaged();
  const sectorSize = 1 << sectorShift;
  // Sectors are numbered from the one after the header (which fills sector 0's place in v4).
  const sectorCount = Math.floor((buf.length - sectorSize) / sectorSize) + (buf.length % sectorSize > 0 ? 1 : 0);
  const sectorOffset = (n: number): number => {
    if (n >= sectorCount) damaged();
    return (n + 1) * sectorSize;
  };
  const uint32At = (offset: number): number => (offset + 4 <= buf.length ? buf.readUInt32LE(offset) : damaged());

  // The FAT's own sectors: the first 109 listed in the header, the rest in the DIFAT chain.
  const fatSectorCount = buf.readUInt32LE(0x2c);
  if (fatSectorCount > sectorCount) damaged();
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(fatSectorCount, HEADER_DIFAT_ENTRIES); i++) fatSectors.push(buf.readUInt32LE(0x4c + i * 4));
  let difat = buf.readUInt32LE(0x44);
  const perDifat = sectorSize / 4 - 1;
  for (let hops = 0; fatSectors.length < fatSectorCount; hops++) {
    if (difat === END_OF_CHAIN || difat === FREE_SECTOR || hops > sectorCount) damaged();
    const base = sectorOffset(difat);
    for (let i = 0; i < perDifat && fatSectors.length < fatSectorCount; i++) fatSectors.push(uint32At(base + i * 4));
    difat = uint32At(base + perDifat * 4);
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    const base = sectorOffset(s);
    for (let i = 0; i < sectorSize / 4; i++) fat.push(uint32At(base + i * 4));
  }

  // The directory: a chain of sectors of 128-byte entries. A loop or a stray number is damage.
  const directory: Buffer[] = [];
  const seen = new Set<number>();
  for (let s = buf.readUInt32LE(0x30); s !== END_OF_CHAIN; s = fat[s] ?? damaged()) {
    if (seen.has(s) || s >= sectorCount) damaged();
    seen.add(s);
    const base = sectorOffset(s);
    for (let i = 0; i < sectorSize / DIRECTORY_ENTRY_BYTES; i++) {
      directory.push(buf.subarray(base + i * DIRECTORY_ENTRY_BYTES, base + (i + 1) * DIRECTORY_ENTRY_BYTES));
    }
  }
  const root = directory[0];
  if (!root || root.length < DIRECTORY_ENTRY_BYTES || root[0x42] !== TYPE_ROOT) damaged();

  // The root's children form a tree through their left and right siblings; walk it, bounded.
  const result: CfbRoot = { streams: new Set(), storages: new Set() };
  const pending = [root.readUInt32LE(0x4c)];
  const visited = new Set<number>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === NO_STREAM) continue;
    const entry = directory[id];
    if (!entry || entry.length < DIRECTORY_ENTRY_BYTES || visited.has(id)) damaged();
    visited.add(id);
    const nameBytes = entry.readUInt16LE(0x40);
    if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0) damaged();
    const name = entry.toString("utf16le", 0, nameBytes - 2);
    if (entry[0x42] === TYPE_STREAM) result.streams.add(name);
    else if (entry[0x42] === TYPE_STORAGE) result.storages.add(name);
    pending.push(entry.readUInt32LE(0x44), entry.readUInt32LE(0x48));
  }
  return result;
}
