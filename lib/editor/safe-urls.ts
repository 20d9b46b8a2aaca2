/**
 * Which URLs a document may hold (security.md, "Rich text"): links only to https, mailto and tel,
 * images only from Accord's own file route. Checked at input (the editor refuses others), when
 * content is stored and when it is rendered, so a link smuggled in by a raw Yjs update or a
 * pasted document never reaches a page or an export as a `javascript:` (or `data:`, `vbscript:`)
 * URL.
 */

/** Link schemes a document may hold. */
export const LINK_PROTOCOLS = ["https", "mailto", "tel"] as const;

/** True when `url` is an absolute https, mailto or tel URL (after trimming what browsers ignore). */
export function isSafeLinkUrl(url: unknown): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > 2048) return false;
  // Browsers drop leading/trailing spaces and control characters and ignore tabs and newlines
  // inside a scheme ("java\tscript:"); refuse any such characters rather than normalise them.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (!(LINK_PROTOCOLS as readonly string[]).includes(scheme)) return false;
  // The text itself must start with the scheme (URL() would accept "HTTPS:" too; that is fine).
  return url.toLowerCase().startsWith(`${scheme}:`);
}

const IMAGE_SRC = /^\/api\/v1\/files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/content$/;

/** True when `src` is an image uploaded to Accord (served by its authorised file route). */
export function isSafeImageSrc(src: unknown): src is string {
  return typeof src === "string" && IMAGE_SRC.test(src);
}
