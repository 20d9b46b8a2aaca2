import { requireActorContext } from "@/lib/auth/get-actor";
import { formatBytes } from "@/lib/files/format-bytes";
import { getFileUploadOptions } from "@/lib/files/get-file-upload-options";
import { listFiles } from "@/lib/files/list-files";
import { MarkingBadge } from "../../../ui/marking-badge";
import { formatDateTime } from "../../../ui/format";
import { UploadFileForm } from "./upload-file-form";
import { DeleteFileButton, FileListAnnouncer } from "./delete-file-button";
import { listItemRetentions } from "@/lib/records/list-item-retentions";
import { retentionText } from "../../../ui/records/item-retention";
import { listSpaceSyncStatus } from "@/lib/graph/list-space-sync-status";
import { SpaceSyncStatuses, SyncStatus } from "../../../ui/sync-status";
import { isJustificationRequired } from "@/lib/audit/justification";
import { JustifiedDownload } from "../../../ui/justification/justified-download";

/**
 * The Files section of a space: the files the viewer may read (the list is filtered by the
 * policy in SQL), each with its marking, size, who uploaded it and when, and a download link
 * unless it is held in quarantine, and a Delete button where the policy lets the viewer delete it;
 * and, for those the policy lets add files here, the upload form with the markings they may choose. Render it as it is (it brings its own section and heading).
 * Each file's SharePoint status comes from one batch read for the space (list-space-sync-status.ts),
 * here for the first render and from its route while any file waits: N files cost one request.
 */
export async function SpaceFiles({ spaceId }: { spaceId: string }) {
  const ctx = await requireActorContext();
  const [{ items }, options] = await Promise.all([listFiles(ctx, { spaceId }), getFileUploadOptions(ctx, { spaceId })]);
  const canDeleteAny = items.some((f) => f.permissions.canDelete);
  const [retentions, syncs] = await Promise.all([listItemRetentions(ctx, "file", items.map((f) => f.id)), listSpaceSyncStatus(ctx, { spaceId, only: "file" })]);
  // Only the rows shown: the client holds (and waits on) nothing it does not display.
  const shownSyncs = Object.fromEntries(items.flatMap((f) => (syncs.files[f.id] ? [[f.id, syncs.files[f.id]!] as const] : [])));

  return (
    <section aria-labelledby="files-heading" className="space-files">
      {/* Focusable from script only: focus lands here after a file is deleted. */}
      <h2 id="files-heading" tabIndex={-1}>
        Files
      </h2>
      <FileListAnnouncer headingId="files-heading">
        {items.length === 0 ? (
          <div className="card empty">
            <p>There are no files here that you can open.</p>
          </div>
        ) : (
          <SpaceSyncStatuses spaceId={spaceId} itemType="file" initial={shownSyncs}>
            <table data-testid="files">
              <caption className="visually-hidden">Files in this space</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Marking</th>
                  <th scope="col">Size</th>
                  <th scope="col">Uploaded</th>
                  <th scope="col">Status</th>
                  {canDeleteAny && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((f) => (
                  <tr key={f.id} data-testid="file-row">
                    <td className="file-name">
                      {f.permissions.canDownload && isJustificationRequired(ctx, f.markingRank) ? (
                        <JustifiedDownload id={`file-${f.id}`} action={f.contentUrl} label={f.name} />
                      ) : f.permissions.canDownload ? (
                        <a href={f.contentUrl} download>
                          {f.name}
                          <span className="visually-hidden"> (download)</span>
                        </a>
                      ) : (
                        f.name
                      )}
                    </td>
                    <td>
                      <MarkingBadge marking={f.marking} rank={f.markingRank} />
                    </td>
                    <td>{formatBytes(f.sizeBytes)}</td>
                    <td>
                      {f.uploadedBy?.name ?? <span className="meta">Unknown</span>}
                      <div className="meta">
                        <time dateTime={f.createdAt}>{formatDateTime(f.createdAt)}</time>
                      </div>
                    </td>
                    <td>
                      {f.status === "quarantined" ? (
                        <>
                          <span className="badge badge-warning">Quarantined</span>
                          <div className="meta">Not scanned for viruses: cannot be downloaded</div>
                        </>
                      ) : (
                        <span className="badge badge-ok">Available</span>
                      )}
                      {retentions.has(f.id) && (
                        <div className="meta" data-testid="retention-file">
                          Retention: {retentionText(retentions.get(f.id)!)}
                        </div>
                      )}
                      {shownSyncs[f.id] && <SyncStatus itemType="file" itemId={f.id} itemName={f.name} sync={shownSyncs[f.id]!} permissions={{ canRetry: f.permissions.canDelete, canResolve: false }} />}
                    </td>
                    {canDeleteAny && <td>{f.permissions.canDelete && <DeleteFileButton spaceId={spaceId} fileId={f.id} name={f.name} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </SpaceSyncStatuses>
        )}
      </FileListAnnouncer>
      {options.canUpload && options.defaultMarking && (
        <UploadFileForm
          spaceId={spaceId}
          markings={options.markings}
          defaultMarking={options.defaultMarking}
          maxUploadBytes={options.maxUploadBytes}
          maxUploadLabel={formatBytes(options.maxUploadBytes)}
          accept={options.extensions.join(",")}
        />
      )}
    </section>
  );
}
