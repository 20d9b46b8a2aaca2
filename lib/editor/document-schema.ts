/**
 * The ProseMirror schema built from the editor's extensions, once per process: what the Yjs
 * sanitizer, the JSON cleaner and every server-side rendering check documents against.
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentExtensions } from "./extensions";

let cachedSchema: Schema | undefined;

/** The ProseMirror schema of documents (built once). */
export function documentSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}
