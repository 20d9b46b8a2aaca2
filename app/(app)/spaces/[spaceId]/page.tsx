import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getSpace } from "@/lib/spaces/get-space";
import { listSpaceMembers } from "@/lib/spaces/list-space-members";
import { listSpaceActivity } from "@/lib/spaces/list-space-activity";
import { listDocuments } from "@/lib/documents/list-documents";
import { listBoards } from "@/lib/boards/list-boards";
import { listResponseTemplates } from "@/lib/responses/list-response-templates";
import { getDocumentCreateOptions } from "@/lib/documents/get-document-create-options";
import { OWN_AGENCY_ROLES } from "@/policies/membership";
import { rankOfMarking } from "@/policies/markings";
import { orNotFound } from "../../../ui/not-found-on-error";
import { MarkingBadge } from "../../../ui/marking-badge";
import { AccessWatch } from "../../../ui/access-watch";
import { formatDate, formatDateTime, formatInstant } from "../../../ui/format";
import { AddPeopleDialog } from "./add-people-dialog";
import { ConfirmAction } from "./confirm-action";
import { MemberRoleForm } from "./member-role-form";
import { NewDocumentForm } from "./new-document-form";
import { NewBoardForm } from "./new-board-form";
import { StartResponseForm } from "./start-response-form";
import { SpaceFiles } from "./space-files";
import { SpaceForms } from "./space-forms";
import { SpaceRecordsPanel } from "../../../ui/records/space-records-panel";
import { attestSpaceAccessAction, leaveSpaceAction, removeSpaceMemberAction, setSpaceStatusAction } from "./actions";

type Props = { params: Promise<{ spaceId: string }>; searchParams: Promise<{ deleted?: string | string[] }> };

// The title is generic on purpose: a page title must not reveal whether a space exists.
export const metadata = { title: "Space" };

const ROLE_LABELS = { owner: "Owner", member: "Member", reader: "Reader", guest: "Partner guest" } as const;
const STATUS_LABELS = { active: "Active", frozen: "Frozen (read-only)", archived: "Archived" } as const;
const TEMPLATE_LABELS: Record<string, string> = { blank: "Blank", investigation: "Joint investigation", safeguarding: "Safeguarding referral (MASH)" };

/**
 * A space: its marking, what it is for and under which agreements, its documents, boards, forms,
 * members, access review, lifecycle and activity. Every control is shown only when the server's
 * policy allows it (the booleans in SpaceView and each member row); the actions check again.
 */
export default async function SpacePage({ params, searchParams }: Props) {
  const { spaceId } = await params;
  // A document was just deleted from its own page (delete-document-button.tsx): say so. Only a
  // flag, never its title: text from a link is never shown as the application's own words.
  const deleted = (await searchParams).deleted === "document";
  const ctx = await requireActorContext();
  const space = await orNotFound(() => getSpace(ctx, { spaceId }));
  const [{ items }, members, activity, newDocument, boards, templates] = await Promise.all([
    listDocuments(ctx, { spaceId, limit: 100 }),
    listSpaceMembers(ctx, { spaceId }),
    listSpaceActivity(ctx, { spaceId, limit: 30 }),
    getDocumentCreateOptions(ctx, { spaceId }),
    listBoards(ctx, { spaceId }),
    listResponseTemplates(ctx),
  ]);
  const rank = rankOfMarking(space.ceilingMarking);
  const { permissions: can, attestation } = space;
  const isOpen = space.status === "active";

  return (
    <AccessWatch url={`/api/v1/spaces/${space.id}`} what="space">
      <p className="meta">
        <Link href="/spaces">Spaces</Link> / {space.name}
      </p>
      <div className="space-content">
        <div className="marking-banner" data-rank={rank} role="note" aria-label="Space marking (top)">
          {space.ceilingMarking}
          <small>This space holds information up to {space.ceilingMarking}.</small>
        </div>

        <div style={{ padding: "1rem 0" }}>
          <h1>{space.name}</h1>
          {deleted && (
            <p className="alert alert-info" role="status" data-testid="document-deleted">
              The document was deleted.
            </p>
          )}
          {space.status === "frozen" && (
            <div className="alert alert-warning" role="note" data-testid="space-status-notice">
              <strong>This space is frozen: it is read-only for everyone.</strong> Nothing in it can be changed
              {can.canAdminister ? " until an owner reopens it (see Lifecycle below)." : "."}
            </div>
          )}
          {space.status === "archived" && (
            <div className="alert alert-warning" role="note" data-testid="space-status-notice">
              <strong>This space is archived: it is read-only and out of everyone&apos;s list of spaces.</strong> It is kept for records
              management.
            </div>
          )}

          <section aria-labelledby="overview-heading" className="card">
            <h2 id="overview-heading" className="visually-hidden">
              Overview
            </h2>
            <p>{space.description || <span className="meta">No purpose given.</span>}</p>
            <dl className="details-grid" data-testid="space-overview">
              <dt>Owned by</dt>
              <dd>{space.ownerAgency.name}</dd>
              <dt>Status</dt>
              <dd data-testid="space-status">{STATUS_LABELS[space.status]}</dd>
              <dt>Highest marking</dt>
              <dd>{space.ceilingMarking}</dd>
              <dt>Default marking</dt>
              <dd>{space.defaultMarking}</dd>
              <dt>Sharing agreements</dt>
              <dd>
                {space.agreements.length === 0
                  ? `None: ${space.ownerAgency.name} only`
                  : space.agreements.map((a) => `${a.reference} ${a.title} (${a.status})`).join("; ")}
              </dd>
              {space.isMvOnly && (
                <>
                  <dt>Membership</dt>
                  <dd>MV posts only</dd>
                </>
              )}
              <dt>Template</dt>
              <dd>{TEMPLATE_LABELS[space.template] ?? space.template}</dd>
            </dl>
          </section>

          <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">Documents</h2>
            {can.canCreateDocuments && newDocument.markings.length > 0 && (
              <NewDocumentForm spaceId={space.id} markings={newDocument.markings} defaultMarking={newDocument.defaultMarking ?? newDocument.markings[0]!} />
            )}
            {items.length === 0 ? (
              <div className="card empty">
                <p>There are no documents here that you can open.</p>
              </div>
            ) : (
              <table>
                <caption className="visually-hidden">Documents in {space.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Marking</th>
                    <th scope="col">Last changed</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id} data-testid="document-row">
                      <td>
                        <Link href={`/documents/${d.id}`}>{d.title}</Link>
                      </td>
                      <td>
                        <MarkingBadge marking={d.marking} rank={d.markingRank} />
                      </td>
                      <td>{formatDateTime(d.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <SpaceFiles spaceId={space.id} />

          <section aria-labelledby="boards-heading">
            <h2 id="boards-heading">Boards</h2>
            {boards.permissions.canCreate && <NewBoardForm spaceId={space.id} />}
            {boards.permissions.canCreate && templates.items.length > 0 && (
              <StartResponseForm
                spaceId={space.id}
                templates={templates.items.map((t) => ({ id: t.id, title: t.title, summary: t.summary, scope: t.scope }))}
                boards={boards.items.map((b) => ({ id: b.id, title: b.title }))}
              />
            )}
            {boards.items.length === 0 ? (
              <div className="card empty">
                <p>No boards yet.</p>
                {boards.permissions.canCreate && <p>Create one to plan who does what by when.</p>}
              </div>
            ) : (
              <ul className="card" aria-labelledby="boards-heading" data-testid="boards">
                {boards.items.map((b) => (
                  <li key={b.id} data-testid="board-row">
                    <Link href={`/spaces/${space.id}/boards/${b.id}`}>{b.title}</Link>{" "}
                    <span className="meta">
                      ({b.cardCount} {b.cardCount === 1 ? "card" : "cards"} you can see)
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <SpaceForms ctx={ctx} spaceId={space.id} canFill={can.canCreateDocuments} />

          <SpaceRecordsPanel ctx={ctx} spaceId={space.id} />

          <section aria-labelledby="members-heading">
            <div className="section-heading">
              <h2 id="members-heading">Members</h2>
              {can.canAddMembers && <AddPeopleDialog spaceId={space.id} spaceName={space.name} />}
            </div>
            <table data-testid="members">
              <caption className="visually-hidden">Members of {space.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Role</th>
                  <th scope="col">Access ends</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.userId} data-testid="member-row">
                    <td>
                      {m.name}
                      {m.isYou && <span className="meta"> (you)</span>}
                      <div className="meta">{m.jobTitle}</div>
                    </td>
                    <td>
                      {m.agencyName}
                      {m.isPartner && <div className="meta">partner agency</div>}
                    </td>
                    <td>
                      {m.permissions.canChangeRole && !m.isPartner ? (
                        <MemberRoleForm spaceId={space.id} userId={m.userId} name={m.name} role={m.role} roles={OWN_AGENCY_ROLES} />
                      ) : (
                        ROLE_LABELS[m.role]
                      )}
                    </td>
                    <td>{m.expiresAt ? formatDate(m.expiresAt.slice(0, 10)) : <span className="meta">No end date</span>}</td>
                    <td>
                      {m.isYou
                        ? can.canLeave && (
                            <ConfirmAction
                              action={leaveSpaceAction}
                              fields={{ spaceId: space.id }}
                              label="Leave space"
                              variant="danger"
                              confirm={{
                                title: `Leave ${space.name}?`,
                                body: <p>You will no longer see this space or anything in it. An owner can add you again.</p>,
                                confirmLabel: "Leave space",
                              }}
                            />
                          )
                        : m.permissions.canRemove && (
                            <ConfirmAction
                              action={removeSpaceMemberAction}
                              fields={{ spaceId: space.id, userId: m.userId }}
                              label="Remove"
                              labelSuffix={m.name}
                              variant="danger"
                              confirm={{
                                title: `Remove ${m.name}?`,
                                body: (
                                  <p>
                                    {m.name} will lose access to {space.name} at once, including any page of it they have open.
                                  </p>
                                ),
                                confirmLabel: "Remove",
                              }}
                            />
                          )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="access-review-heading" id="access-review">
            <h2 id="access-review-heading">Access review</h2>
            <div className="card stack">
              {attestation.isOverdue ? (
                <div className="alert alert-warning" role="note" style={{ margin: 0 }}>
                  <strong>The access review is overdue</strong> (it was due {formatInstant(attestation.dueAt)}). Partner guests cannot open
                  the space until an owner confirms who still needs access.
                </div>
              ) : (
                <p style={{ margin: 0 }}>
                  Next review due <strong data-testid="review-due">{formatInstant(attestation.dueAt)}</strong>; last confirmed{" "}
                  {formatInstant(attestation.lastAttestedAt)}. Owners confirm every {attestation.intervalDays} days that each member still needs
                  access.
                </p>
              )}
              {can.canAdminister && space.status !== "archived" && (
                <div>
                  <ConfirmAction action={attestSpaceAccessAction} fields={{ spaceId: space.id }} label="Confirm everyone still needs access" successMessage="Thank you: access confirmed." />
                </div>
              )}
            </div>
          </section>

          {can.canAdminister && (
            <section aria-labelledby="lifecycle-heading">
              <h2 id="lifecycle-heading">Lifecycle</h2>
              <div className="card stack">
                <p style={{ margin: 0 }}>
                  {isOpen
                    ? "Freeze the space when the work is closed: everyone can still read it, nobody can change it. Archive it to take it out of everyone's list while keeping it for records management."
                    : space.status === "frozen"
                      ? "The space is frozen. Reopen it to allow changes again, or archive it."
                      : "The space is archived. Reopen it to bring it back into members' lists."}
                </p>
                <div className="row">
                  {isOpen && (
                    <ConfirmAction
                      action={setSpaceStatusAction}
                      fields={{ spaceId: space.id, status: "frozen" }}
                      label="Freeze"
                      confirm={{
                        title: `Freeze ${space.name}?`,
                        body: <p>Everyone, owners included, will be able to read the space but not change it, until an owner reopens it.</p>,
                        confirmLabel: "Freeze space",
                      }}
                    />
                  )}
                  {!isOpen && (
                    <ConfirmAction
                      action={setSpaceStatusAction}
                      fields={{ spaceId: space.id, status: "active" }}
                      label="Reopen"
                      confirm={{
                        title: `Reopen ${space.name}?`,
                        body: <p>Members will be able to change the space again.</p>,
                        confirmLabel: "Reopen space",
                      }}
                    />
                  )}
                  {space.status !== "archived" && (
                    <ConfirmAction
                      action={setSpaceStatusAction}
                      fields={{ spaceId: space.id, status: "archived" }}
                      label="Archive"
                      variant="danger"
                      confirm={{
                        title: `Archive ${space.name}?`,
                        body: (
                          <p>
                            The space leaves everyone&apos;s list of spaces and becomes read-only. It is kept for records management; owners can
                            still open it at its address and reopen it.
                          </p>
                        ),
                        confirmLabel: "Archive space",
                      }}
                    />
                  )}
                </div>
              </div>
            </section>
          )}

          <section aria-labelledby="activity-heading">
            <h2 id="activity-heading">Activity</h2>
            <div className="card">
              {activity.length === 0 ? (
                <p className="meta" style={{ margin: 0 }}>
                  Nothing to show yet.
                </p>
              ) : (
                <ol className="feed" aria-labelledby="activity-heading">
                  {activity.map((a) => (
                    <li key={a.id} data-testid="activity-item">
                      <strong>{a.actorName ?? "Someone"}</strong> {a.summary}
                      <div className="meta">
                        <time dateTime={a.at}>{formatDateTime(a.at)}</time>
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </section>
        </div>

        <div className="marking-banner" data-rank={rank} role="note" aria-label="Space marking (bottom)">
          {space.ceilingMarking}
          <small>This space holds information up to {space.ceilingMarking}.</small>
        </div>
      </div>
    </AccessWatch>
  );
}
