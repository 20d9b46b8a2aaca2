// GET /api/v1/audit-events/export?format=csv|json&(the list's filters): every matching event of the caller's agency's audit trail, oldest first, as an attachment; the export is audited; 403 unless an auditor or agency administrator; 400 for a bad filter or too many events.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";

export const GET = apiBinaryRoute(async (ctx, req) => exportAuditEvents(ctx, Object.fromEntries(req.nextUrl.searchParams)));
