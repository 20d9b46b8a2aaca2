/**
 * File names as people gave them, made safe to keep and show. The threats: a name that hides its
 * real extension (`invoice<U+202E>fdp.exe` shows as `invoiceexe.pdf`), one that carries a path
 * (`../../etc/passwd`, `C:\Users\…`), and control characters that break headers or logs. The
 * name is only ever a label: the bytes are stored under a generated key (blob-store.ts), and it
 * goes back to the browser only through lib/http/content-disposition.ts.
 */
import { InvalidInputError } from "../errors";

const MAX_NAME_LENGTH = 200;

// C0 and C1 controls, bidirectional overrides and isolates, zero-width characters and the BOM.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The name to keep for an upload: its last path segment, without unsafe characters, at most 200 characters. */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  // Leading dots would make a hidden file; trailing dots and spaces are dropped by Windows.
  let name = lastSegment.replace(/[\t\n\v\f\r]/g, " ").replace(UNSAFE_CHARACTERS, "").replace(/\s+/g, " ").trim().replace(/^\.+/, "").replace(/[. ]+$/, "");
  if (name.length > MAX_NAME_LENGTH) {
    // Keep the extension: shorten the stem (by code points, so no surrogate pair is split).
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = [...name.slice(0, name.length - ext.length)].slice(0, MAX_NAME_LENGTH - ext.length).join("").trimEnd() + ext;
  }
  if (name === "") throw new InvalidInputError("The file needs a name");
  return name;
}
