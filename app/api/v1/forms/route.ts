import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createForm } from "@/lib/forms/create-form";
import { listForms } from "@/lib/forms/list-forms";

// GET /api/v1/forms: the form library the caller may read (national forms, and their own agency's forms and local variants).
export const GET = apiRoute(async (ctx) => listForms(ctx, {}));

// POST /api/v1/forms: makes a new local form { title, key? } for the caller's agency (its administrators only), as a first draft to build on; 409 for a key in use.
export const POST = apiRoute(async (ctx, req) => createForm(ctx, await readJsonObject(req, "{ title, key? }")), { requireSameOrigin: true });
