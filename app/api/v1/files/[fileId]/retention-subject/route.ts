import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { setSubjectReference } from "@/lib/records/set-subject-reference";

// PUT /api/v1/files/{fileId}/retention-subject: sets the labelled file's subject { subjectReference, subjectDateOfBirth? }; records managers only (403).
export const PUT = apiRoute<{ fileId: string }>(
  async (ctx, req, { fileId }) => setSubjectReference(ctx, { ...(await readJsonObject(req, "{ subjectReference, subjectDateOfBirth? }")), itemType: "file", itemId: fileId } as Parameters<typeof setSubjectReference>[1]),
  { requireSameOrigin: true },
);
