// GET /api/v1/openapi.json: the API's OpenAPI 3.1 description (public: it describes, it reveals nothing).
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(openApiDocument());
}
