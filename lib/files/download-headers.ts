/**
 * The headers a file download is served with (ASVS v5.0.0-5.4, 14.3.2). The threats: a browser
 * rendering an uploaded file as a page of Accord's origin (stored XSS through an "image" that is
 * HTML), guessing a type other than the one Accord decided, keeping marked content in a cache, or
 * another site embedding the file with the victim's cookie. So: always an attachment, the media
 * type detected at upload, nosniff, no-store, a sandboxing CSP and same-origin resource policy.
 * Images embedded in documents still show: an <img> ignores Content-Disposition.
 */
import { attachmentDisposition } from "../http/content-disposition";

/** Response headers for downloading a file. */
export function downloadHeaders(file: { name: string; mediaType: string; sizeBytes: number; sha256: string }): Headers {
  return new Headers({
    "Content-Type": file.mediaType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": attachmentDisposition(file.name),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // RFC 9530: lets the client check what it received against what was uploaded.
    "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
  });
}
