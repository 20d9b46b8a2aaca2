// GET /api/v1/audit-events?kind=&action=&outcome=&actor=&subjectType=&subjectId=&spaceId=&from=&to=&before=&limit=: a page of the caller's agency's audit trail, newest first; 403 unless an auditor or agency administrator; 400 for a bad filter.
import { apiRoute } from "@/lib/http/api-route";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const GET = apiRoute(async (ctx, req) => listAuditEvents(ctx, Object.fromEntries(req.nextUrl.searchParams)));
