/**
 * The browser's half of putting an image into a document (image-upload.tsx): which files it
 * offers to upload, under which name, with which default description, and what to tell the person
 * when the server refuses. The server decides again from the content (lib/files/detect-file-type):
 * these checks only spare a pointless upload and give the reason at once.
 */
import { formatBytes } from "@/lib/files/format-bytes";
import { isSafeImageSrc } from "@/lib/editor/safe-urls";

/** The image types a document can show, each with the extensions Accord accepts for it. */
export const IMAGE_TYPES = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
} as const satisfies Record<string, readonly string[]>;

type ImageMediaType = keyof typeof IMAGE_TYPES;

/** The `accept` attribute of the image picker. */
export const IMAGE_ACCEPT = [...Object.keys(IMAGE_TYPES), ...Object.values(IMAGE_TYPES).flat().map((e) => `.${e}`)].join(",");

const KINDS = "a PNG, JPEG, GIF or WebP image";

const isImageMediaType = (type: string): type is ImageMediaType => Object.hasOwn(IMAGE_TYPES, type);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 || dot === name.length - 1 ? "" : name.slice(dot + 1).toLowerCase();
}

const isImageExtension = (ext: string) => Object.values(IMAGE_TYPES).some((exts) => (exts as readonly string[]).includes(ext));

/** What is known of a chosen, pasted or dropped file before it is sent. */
export type CandidateFile = { name: string; type: string; size: number };

/** True when the file says it is an image a document can show (by its type or its name). */
export function isImageCandidate(file: CandidateFile): boolean {
  return isImageMediaType(file.type) || isImageExtension(extensionOf(file.name));
}

/**
 * The images of a paste to upload, or none to leave the paste to the editor. Word and Excel put
 * a picture of the copied text on the clipboard beside the text itself: when there is text, the
 * text is what the person meant to paste.
 */
export function pastedImages<F extends CandidateFile>(files: readonly F[], plainText: string): F[] {
  return plainText.trim() === "" ? files.filter((f) => isImageCandidate(f)) : [];
}

/** Why the file cannot be put into the document, or null when it may be sent. */
export function imageFileProblem(file: CandidateFile, maxUploadBytes: number): string | null {
  const name = file.name || "The pasted image";
  if (!isImageCandidate(file)) return `“${name}” is not ${KINDS}, so it cannot be put into the document. Add other files to the space’s Files instead.`;
  if (file.size === 0) return `“${name}” is empty.`;
  if (file.size > maxUploadBytes) return `“${name}” is larger than ${formatBytes(maxUploadBytes)}, the most a file may be.`;
  return null;
}

/**
 * The name to upload the file under. Accord matches the extension to the content, and a pasted
 * image often has no name or a generic one without a fitting extension ("image", "blob"): it is
 * then named after its type.
 */
export function uploadNameFor(file: CandidateFile): string {
  if (isImageExtension(extensionOf(file.name))) return file.name;
  const ext = isImageMediaType(file.type) ? IMAGE_TYPES[file.type][0] : "png";
  const base = file.name.trim().replace(/\.[^.]*$/, "") || "Pasted image";
  return `${base}.${ext}`;
}

/** The description offered before the person writes their own: the file name, read as words. */
export function defaultAltText(name: string): string {
  return name
    .replace(/\.[^.]*$/, "")
    .replace(/[_-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The file as the upload route answers with it (lib/files/file-view.ts), as far as it is needed here. */
export type UploadedImage = { contentUrl?: unknown; mediaType?: unknown; status?: unknown; notice?: unknown };

/**
 * The src to put in the document for an uploaded file, or null when it cannot be shown: not an
 * image after all (as decided from its content), held in quarantine, or not one of Accord's
 * file URLs (the schema would drop any other src anyway).
 */
export function imageSrcOf(uploaded: UploadedImage): string | null {
  if (uploaded.status !== "clean") return null;
  if (typeof uploaded.mediaType !== "string" || !isImageMediaType(uploaded.mediaType)) return null;
  return isSafeImageSrc(uploaded.contentUrl) ? uploaded.contentUrl : null;
}

type ApiErrorBody = { error?: { code?: unknown; message?: unknown } } | null | undefined;

/** What to tell the person when the upload was refused, from the route's status and error body. */
export function uploadErrorMessage(status: number, body: ApiErrorBody): string {
  const message = typeof body?.error?.message === "string" ? body.error.message : null;
  if (status === 401) return "Your session has ended. Please sign in again, then add the image.";
  if (status === 403) return message ? `You are not allowed to add this image: ${message}` : "You are not allowed to add images to this space.";
  // The route says 404 both for a space that is gone and one the person may no longer see.
  if (status === 404) return "The image could not be added: this document’s space is no longer open to you.";
  if (status === 0) return "The image did not reach Accord. Check your connection and try again.";
  return message ?? `The image could not be uploaded (status ${status}).`;
}
