/**
 * `Content-Disposition: attachment` for a file Accord sends (RFC 6266, with RFC 8187's
 * `filename*`). The threat is header injection and a name that means something else to the
 * receiving file system: the ASCII `filename` keeps only letters, digits, spaces and `._-()`,
 * and the full name goes percent-encoded in `filename*`, so no quote, semicolon, CR/LF or path
 * separator from a title ever reaches the header as itself.
 */

/** The Content-Disposition value that makes the browser save `filename` rather than show it. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9 ._()-]/g, "_").replace(/_+/g, "_").trim() || "download";
  // A lone surrogate cannot be percent-encoded (encodeURIComponent would throw): it goes.
  const wellFormed = filename.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
  const encoded = encodeURIComponent(wellFormed).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
