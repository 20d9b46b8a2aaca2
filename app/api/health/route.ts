// GET /api/health: liveness and database reachability, for load balancers and people.
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/system/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
