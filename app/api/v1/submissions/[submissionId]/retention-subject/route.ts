import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { setSubjectReference } from "@/lib/records/set-subject-reference";

// PUT /api/v1/submissions/{submissionId}/retention-subject: sets the labelled submission's subject { subjectReference, subjectDateOfBirth? }; records managers only (403).
export const PUT = apiRoute<{ submissionId: string }>(
  async (ctx, req, { submissionId }) => setSubjectReference(ctx, { ...(await readJsonObject(req, "{ subjectReference, subjectDateOfBirth? }")), itemType: "submission", itemId: submissionId } as Parameters<typeof setSubjectReference>[1]),
  { requireSameOrigin: true },
);
