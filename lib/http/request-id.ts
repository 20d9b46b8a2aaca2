import { randomUUID } from "node:crypto";

/** Header carrying the request id from server.ts to pages, actions and the audit trail. */
export const REQUEST_ID_HEADER = "x-request-id";

/** A new request id. */
export function newRequestId(): string {
  return randomUUID();
}
