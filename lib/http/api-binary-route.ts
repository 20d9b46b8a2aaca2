/**
 * The wrapper for /api/v1 route handlers that answer with a file rather than JSON (exports,
 * downloads). The caller is resolved and judged exactly as by apiRoute (runApiRequest: token or
 * session, 401, errors as JSON with 404 for the invisible), and every file goes out as an
 * attachment, never rendered in Accord's origin (`Content-Disposition: attachment`, `nosniff`, a
 * sandboxing CSP), and never cached (`no-store`: marked content, ASVS v5.0.0-14.3.2).
 */
import "server-only";
import type { NextRequest } from "next/server";
import type { PolicyCtx } from "../context";
import { runApiRequest, type ApiRouteOptions } from "./api-route";
import { attachmentDisposition } from "./content-disposition";

/** A file for the browser to save. */
export type Attachment = { filename: string; contentType: string; body: Uint8Array };

/** The response that delivers `file` as a download, with the headers every file of Accord's carries. */
export function attachmentResponse(file: Attachment): Response {
  return new Response(new Blob([file.body as Uint8Array<ArrayBuffer>], { type: file.contentType }), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.byteLength),
      "Content-Disposition": attachmentDisposition(file.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      // Were the file ever shown in the browser after all, it could run nothing and reach nothing.
      // (Next.js keeps a header that next.config.ts's headers() already set, so this one is sent
      // only where next.config.ts sets no Content-Security-Policy of its own for the path.)
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox",
    },
  });
}

/** Wraps a handler that returns an Attachment (or a ready Response). */
export function apiBinaryRoute<P = Record<string, never>>(handler: (ctx: PolicyCtx, req: NextRequest, params: P) => Promise<Attachment | Response>, options: ApiRouteOptions = {}) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> =>
    runApiRequest(
      req,
      async (ctx) => {
        const result = await handler(ctx, req, await context.params);
        return result instanceof Response ? result : attachmentResponse(result);
      },
      options,
    );
}
