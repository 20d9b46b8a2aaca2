import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listDocumentVersions } from "@/lib/documents/list-document-versions";
import { getImageUploadOptions } from "@/lib/files/get-image-upload-options";
import { orNotFound } from "../../../ui/not-found-on-error";
import { AccessWatch } from "../../../ui/access-watch";
import { CollaborativeEditor } from "../../../ui/editor/collaborative-editor";
import { RemarkForm } from "./remark-form";
import { VersionsPanel } from "./versions-panel";
import { ItemRetention } from "../../../ui/records/item-retention";
import { DeleteDocumentButton } from "./delete-document-button";
import { getItemSyncStatus } from "@/lib/graph/get-item-sync-status";
import { SyncStatus } from "../../../ui/sync-status";
import { JustificationRequiredError } from "@/lib/errors";
import { isJustificationRequired } from "@/lib/audit/justification";
import { JustificationPrompt } from "../../../ui/justification/justification-prompt";
import { JustifiedDownload } from "../../../ui/justification/justified-download";

type Props = { params: Promise<{ documentId: string }> };

export const metadata = { title: "Document" };

/** A document: its marking at top and bottom of the co-edited content, and its details. */
export default async function DocumentPage({ params }: Props) {
  const { documentId } = await params;
  const ctx = await requireActorContext();
  let loaded: Awaited<ReturnType<typeof listDocumentVersions>>;
  try {
    loaded = await orNotFound(() => listDocumentVersions(ctx, { documentId }));
  } catch (err) {
    // The person may read it, and their agency asks why first: the prompt, nothing of the content.
    if (err instanceof JustificationRequiredError) return <JustificationPrompt subjectType="document" subjectId={documentId} marking={err.marking ?? ""} returnTo={`/documents/${documentId}`} />;
    throw err;
  }
  const { document: doc, versions } = loaded;
  const exportsNeedJustification = isJustificationRequired(ctx, doc.markingRank);
  const [imageUpload, sync] = await Promise.all([getImageUploadOptions(ctx, doc), getItemSyncStatus(ctx, { itemType: "document", itemId: doc.id, spaceId: doc.space.id })]);
  const allowed = [
    doc.permissions.canUpdate && "edit",
    doc.permissions.canComment && "comment",
    doc.permissions.canRemark && "change its marking",
    doc.permissions.canShare && "share it",
    doc.permissions.canDelete && "delete it",
  ].filter(Boolean);
  return (
    // Watches the space, not the document: a read of a marked document is audited (DPA 2018 s.62),
    // and a poll every few seconds must not fill the audit trail.
    <AccessWatch url={`/api/v1/spaces/${doc.space.id}`} what="document">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <p className="meta">
          <Link href="/spaces">Spaces</Link> / <Link href={`/spaces/${doc.space.id}`}>{doc.space.name}</Link> / {doc.title}
        </p>
        {exportsNeedJustification ? (
          <div className="meta row" data-testid="document-exports" style={{ gap: "0.75rem", alignItems: "start" }}>
            <JustifiedDownload id="export-docx" action={`/api/v1/documents/${doc.id}/export`} fields={{ format: "docx" }} label="Download as Word (.docx)" />
            <JustifiedDownload id="export-pdf" action={`/api/v1/documents/${doc.id}/export`} fields={{ format: "pdf" }} label="PDF" />
            <JustifiedDownload id="export-html" action={`/api/v1/documents/${doc.id}/export`} fields={{ format: "html" }} label="HTML" />
          </div>
        ) : (
          <p className="meta" data-testid="document-exports">
            <Link href={`/documents/${doc.id}/print`}>Print view</Link> · Download as <a href={`/api/v1/documents/${doc.id}/export?format=docx`}>Word (.docx)</a>,{" "}
            <a href={`/api/v1/documents/${doc.id}/export?format=pdf`}>PDF</a> or <a href={`/api/v1/documents/${doc.id}/export?format=html`}>HTML</a>
          </p>
        )}
      </div>
      <article className="card" aria-labelledby="doc-title" style={{ padding: 0 }}>
        <div className="marking-banner" data-rank={doc.markingRank} role="note" aria-label="Document marking (top)">
          {doc.marking}
        </div>
        <div style={{ padding: "1.25rem" }}>
          <h1 id="doc-title">{doc.title}</h1>
          <CollaborativeEditor
            documentId={doc.id}
            canEdit={doc.permissions.canUpdate}
            canComment={doc.permissions.canComment}
            imageUpload={imageUpload}
            user={{ id: ctx.actor.userId, name: ctx.actor.name, agencyCode: ctx.actor.agency.code }}
          />
        </div>
        <div className="marking-banner" data-rank={doc.markingRank} role="note" aria-label="Document marking (bottom)">
          {doc.marking}
        </div>
      </article>
      <details className="card document-details" open>
        <summary>About this document</summary>
        <div>
          <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.4rem 1rem", margin: 0 }}>
            <dt>Marking</dt>
            <dd style={{ margin: 0 }}>{doc.marking}</dd>
            <dt>Originating agency</dt>
            <dd style={{ margin: 0 }}>{doc.owningAgency.name}</dd>
            <dt>Space</dt>
            <dd style={{ margin: 0 }}>{doc.space.name}</dd>
            <dt>Last changed</dt>
            <dd style={{ margin: 0 }}>{new Date(doc.updatedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" })}</dd>
            <dt>Retention</dt>
            <dd style={{ margin: 0 }}>
              <ItemRetention ctx={ctx} itemType="document" itemId={doc.id} compact />
            </dd>
            {sync && (
              <>
                <dt>SharePoint</dt>
                <dd style={{ margin: 0 }}>
                  <SyncStatus itemType="document" itemId={doc.id} sync={sync} permissions={{ canRetry: doc.permissions.canUpdate, canResolve: doc.permissions.canUpdate }} />
                </dd>
              </>
            )}
            <dt>You may</dt>
            <dd style={{ margin: 0 }} data-testid="document-permissions">
              {allowed.length ? `read, ${allowed.join(", ")}` : "read"}
            </dd>
          </dl>
        </div>
      </details>
      <VersionsPanel documentId={doc.id} versions={versions} canSave={doc.permissions.canUpdate} />
      {(doc.permissions.canRemark || doc.permissions.canUpdate) && (
        <div style={{ marginTop: "1rem" }}>
          <RemarkForm documentId={doc.id} marking={doc.marking} canLower={doc.permissions.canRemark} />
        </div>
      )}
      {doc.permissions.canDelete && (
        <div style={{ marginTop: "1rem" }}>
          <DeleteDocumentButton documentId={doc.id} spaceId={doc.space.id} title={doc.title} />
        </div>
      )}
    </AccessWatch>
  );
}
