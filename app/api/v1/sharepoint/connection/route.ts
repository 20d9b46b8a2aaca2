import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getGraphConnection } from "@/lib/graph/get-graph-connection";
import { saveGraphConnection } from "@/lib/graph/save-graph-connection";

// GET /api/v1/sharepoint/connection: the agency's SharePoint connection (never its secret: only whether one is stored) and whether the caller may change it; agency administrators, auditors and records managers (403 otherwise).
export const GET = apiRoute(async (ctx) => getGraphConnection(ctx));

// PUT /api/v1/sharepoint/connection: saves the connection { tenantId, clientId, authKind, clientSecret?, certificateThumbprint?, siteUrl, driveName? } (a blank secret keeps the stored one); agency administrators only; 400 with every field's error in error.issues.
export const PUT = apiRoute(
  async (ctx, req) => saveGraphConnection(ctx, await readJsonObject(req, "{ tenantId, clientId, authKind, clientSecret?, certificateThumbprint?, siteUrl, driveName? }")),
  { requireSameOrigin: true },
);
