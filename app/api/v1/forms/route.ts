import { apiRoute } from "@/lib/http/api-route";
import { listForms } from "@/lib/forms/list-forms";

// GET /api/v1/forms: the form library the caller may read (national forms, and their own agency's forms and local variants).
export const GET = apiRoute(async (ctx) => listForms(ctx, {}));
