/**
 * Where a request carries a justification (lib/audit/justification.ts): API clients send the
 * `Accord-Justification` header; Accord's own pages post a form with a `justification` field
 * (never a query string: it would sit in browser history and proxy logs).
 */
import "server-only";
import type { NextRequest } from "next/server";
import { JUSTIFICATION_HEADER } from "../audit/justification";

/** The header's justification, or null. */
export function headerJustification(req: NextRequest): string | null {
  return req.headers.get(JUSTIFICATION_HEADER);
}

/** A posted form's fields as text (a form that is not one, or a file where text belongs, gives none). */
export async function postedFields(req: NextRequest): Promise<Record<string, string>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return {};
  const form = await req.formData();
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
  return fields;
}
