/**
 * Files for the file tests, made here from scratch so that no test depends on a binary checked
 * in or fetched: real PDFs and Word documents (pdf-lib, docx), minimal but well-formed Excel and
 * PowerPoint packages, legacy Office compound files, tiny images, zip bombs, the EICAR test
 * string and a stand-in clamd on 127.0.0.1. For tests only: nothing in the application imports
 * this file.
 */
import net from "node:net";
import { crc32, deflateRawSync } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument } from "pdf-lib";

/** A one-page PDF. */
export async function pdfFile(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]).drawText("Accord test", { x: 20, y: 100, size: 12 });
  return pdf.save();
}

/** A Word document with one paragraph, as Word itself would package it. */
export async function docxFile(): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Accord test")] }] })));
}

export type ZipEntry = {
  name: string;
  data: Uint8Array;
  /** Default "deflate". */
  method?: "store" | "deflate";
  /** The uncompressed size written in the headers, when a test wants them to lie. */
  declaredSize?: number;
};

/** A ZIP archive of the entries, written by hand (local headers, data, central directory, end record). */
export function zipFile(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const isStored = e.method === "store";
    const data = isStored ? Buffer.from(e.data) : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.byteLength;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(isStored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(isStored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const OOXML = "application/vnd.openxmlformats-officedocument";
const MAIN_PARTS = {
  docx: { part: "word/document.xml", type: `${OOXML}.wordprocessingml.document.main+xml`, xml: "<w:document/>" },
  xlsx: { part: "xl/workbook.xml", type: `${OOXML}.spreadsheetml.sheet.main+xml`, xml: "<workbook/>" },
  pptx: { part: "ppt/presentation.xml", type: `${OOXML}.presentationml.presentation.main+xml`, xml: "<p:presentation/>" },
} as const;

/** The parts of a minimal Office Open XML package of the kind, with its main part of `mainType`. */
export function ooxmlEntries(kind: keyof typeof MAIN_PARTS, mainType: string = MAIN_PARTS[kind].type): ZipEntry[] {
  const main = MAIN_PARTS[kind];
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    {
      name: "[Content_Types].xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/${main.part}" ContentType="${mainType}"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main.part}"/></Relationships>`,
      ),
    },
    { name: main.part, data: text(`<?xml version="1.0" encoding="UTF-8"?>${main.xml}`) },
  ];
}

/** A minimal Office Open XML package (xlsx, pptx or docx). */
export function ooxmlFile(kind: keyof typeof MAIN_PARTS, extra: ZipEntry[] = []): Uint8Array {
  return zipFile([...ooxmlEntries(kind), ...extra]);
}

const CFB_END_OF_CHAIN = 0xfffffffe;
const CFB_FREE = 0xffffffff;
const CFB_NO_STREAM = 0xffffffff;

/**
 * A version 3 compound file whose root holds these streams (4 KiB each, so in ordinary sectors)
 * and empty storages: what a legacy .doc/.xls/.ppt looks like to a reader of its directory.
 */
export function cfbFile(streams: string[], storages: string[] = []): Uint8Array {
  const sector = 512;
  const streamSectors = 4096 / sector;
  const entries = [...streams.map((name) => ({ name, type: 2 })), ...storages.map((name) => ({ name, type: 1 }))];
  const dirSectors = Math.ceil((entries.length + 1) / 4);
  const totalSectors = 1 + dirSectors + streams.length * streamSectors;
  if (totalSectors > sector / 4) throw new Error("cfbFile: too many streams for one FAT sector");

  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(1, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(CFB_END_OF_CHAIN, 0x3c);
  header.writeUInt32LE(CFB_END_OF_CHAIN, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : CFB_FREE, 0x4c + i * 4);

  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  for (let i = 0; i < dirSectors; i++) fat.writeUInt32LE(i === dirSectors - 1 ? CFB_END_OF_CHAIN : 2 + i, (1 + i) * 4);
  streams.forEach((_, s) => {
    const first = 1 + dirSectors + s * streamSectors;
    for (let i = 0; i < streamSectors; i++) fat.writeUInt32LE(i === streamSectors - 1 ? CFB_END_OF_CHAIN : first + i + 1, (first + i) * 4);
  });

  const directory = Buffer.alloc(dirSectors * sector);
  const writeEntry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = index * 128;
    directory.write(`${name}\0`, at, "utf16le");
    directory.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    directory[at + 0x42] = type;
    directory[at + 0x43] = 1;
    directory.writeUInt32LE(CFB_NO_STREAM, at + 0x44);
    directory.writeUInt32LE(right, at + 0x48);
    directory.writeUInt32LE(child, at + 0x4c);
    directory.writeUInt32LE(start, at + 0x74);
    directory.writeUInt32LE(size, at + 0x78);
  };
  writeEntry(0, "Root Entry", 5, entries.length > 0 ? 1 : CFB_NO_STREAM, CFB_NO_STREAM, CFB_END_OF_CHAIN, 0);
  entries.forEach((e, i) => {
    const right = i + 2 <= entries.length ? i + 2 : CFB_NO_STREAM;
    const start = e.type === 2 ? 1 + dirSectors + i * streamSectors : 0;
    writeEntry(i + 1, e.name, e.type, CFB_NO_STREAM, right, start, e.type === 2 ? 4096 : 0);
  });
  return new Uint8Array(Buffer.concat([header, fat, directory, Buffer.alloc(streams.length * 4096, 0x20)]));
}

const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

/** 1×1 images in each accepted format. */
export const IMAGES = {
  png: fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  gif: fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  webp: fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="),
  jpg: fromBase64(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  ),
};

/** Text as bytes. */
export const textFile = (text: string) => new TextEncoder().encode(text);

/**
 * The EICAR anti-virus test file, put together at run time so that this source file itself is not
 * what a scanner on a developer's machine flags.
 */
export function eicarFile(): Uint8Array {
  return textFile(["X5O!P%@AP[4\\PZX54(P^)7CC)7}", "$EICAR-STANDARD-ANTIVIRUS", "-TEST-FILE!$H+H*"].join(""));
}

/** How the stand-in clamd behaves: answer, never answer, or hang up at once. */
export type FakeClamdMode = "answer" | "hang" | "close";

export type FakeClamd = {
  port: number;
  /** The bytes of each complete INSTREAM it received. */
  scans: Uint8Array[];
  close(): Promise<void>;
};

/**
 * A stand-in for clamd on 127.0.0.1 (port 0): it reads `zINSTREAM\0` and length-prefixed chunks
 * up to the zero-length one, then answers `stream: OK`, or a FOUND line for the EICAR string.
 */
export async function startFakeClamd(mode: FakeClamdMode): Promise<FakeClamd> {
  const scans: Uint8Array[] = [];
  const sockets = new Set<net.Socket>();
  const eicar = Buffer.from(eicarFile());
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    if (mode === "close") {
      socket.destroy();
      return;
    }
    const command = Buffer.from("zINSTREAM\0", "latin1");
    let pending = Buffer.alloc(0);
    let hasCommand = false;
    const chunks: Buffer[] = [];
    socket.on("data", (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      if (!hasCommand) {
        if (pending.length < command.length) return;
        if (!pending.subarray(0, command.length).equals(command)) {
          socket.end("UNKNOWN COMMAND\0");
          return;
        }
        pending = pending.subarray(command.length);
        hasCommand = true;
      }
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (length === 0) {
          const all = Buffer.concat(chunks);
          scans.push(new Uint8Array(all));
          if (mode === "answer") socket.end(all.includes(eicar) ? "stream: Win.Test.EICAR_HDB-1 FOUND\0" : "stream: OK\0");
          return;
        }
        if (pending.length < 4 + length) return;
        chunks.push(pending.subarray(4, 4 + length));
        pending = pending.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    scans,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
