import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { setSubjectReference } from "@/lib/records/set-subject-reference";

// PUT /api/v1/documents/{documentId}/retention-subject: sets the labelled document's subject { subjectReference, subjectDateOfBirth? }; records managers only (403).
export const PUT = apiRoute<{ documentId: string }>(
  async (ctx, req, { documentId }) => setSubjectReference(ctx, { ...(await readJsonObject(req, "{ subjectReference, subjectDateOfBirth? }")), itemType: "document", itemId: documentId } as Parameters<typeof setSubjectReference>[1]),
  { requireSameOrigin: true },
);
