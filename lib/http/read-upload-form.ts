/**
 * Reads an upload's multipart/form-data body, up to the upload limit and a little room for the
 * form around the file. The threat is a body far larger than any upload Accord accepts
 * (gigabytes, or an endless chunked stream) exhausting memory before anything has looked at it,
 * so the body is read through readBoundedBody (read-bounded-body.ts).
 */
import { FileTooLargeError, InvalidInputError } from "../errors";
import { formatBytes } from "../files/format-bytes";
import { readBoundedBody } from "./read-bounded-body";

// Boundaries, part headers and the other fields: a few hundred bytes in practice.
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The request's form fields; FileTooLargeError past the limit, InvalidInputError when it is not a form. */
export async function readUploadForm(req: Request, maxFileBytes: number): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw new InvalidInputError("Send the file as multipart/form-data");
  const chunks = await readBoundedBody(req, maxFileBytes + FORM_OVERHEAD_BYTES, {
    tooLarge: () => new FileTooLargeError(`The upload is larger than ${formatBytes(maxFileBytes)}, the most a file may be, so it was not uploaded.`),
    missing: "Choose a file to upload",
  });
  try {
    return await new Response(new Blob(chunks as BlobPart[]), { headers: { "content-type": type } }).formData();
  } catch {
    throw new InvalidInputError("The upload could not be read as a form");
  }
}
