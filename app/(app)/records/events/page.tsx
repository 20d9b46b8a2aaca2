import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listAgencySpacesForRecords } from "@/lib/records/list-agency-spaces-for-records";
import { listRetentionEvents, RETENTION_EVENTS_LISTED } from "@/lib/records/list-retention-events";
import { listRetentionEventTypes } from "@/lib/records/list-retention-event-types";
import { ukDay } from "@/lib/records/retention-clock";
import { formatDate, formatDateTime } from "../../../ui/format";
import { RaiseEventForm } from "./raise-event-form";

export const metadata = { title: "Retention events" };

/**
 * Retention events (issue 8): a records manager raises one ("Case closed" for Operation Kestrel
 * on 1 March 2020), starting the clocks of the items whose label it triggers; below, the latest
 * events the agency raised. Records managers raise; auditors read the list; for anyone else the
 * page does not exist.
 */
export default async function RetentionEventsPage() {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("read", "RetentionEvent")) notFound();
  const canRaise = ctx.ability.can("create", "RetentionEvent") && ctx.ability.can("update", "FilePlan");
  const events = await listRetentionEvents(ctx);
  const form = canRaise
    ? {
        eventTypes: (await listRetentionEventTypes(ctx)).items.filter((t) => t.computed === null).map((t) => ({ id: t.id, name: t.name })),
        spaces: (await listAgencySpacesForRecords(ctx)).spaces.map((s) => ({ id: s.id, name: s.name })),
      }
    : null;
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / Retention events
      </p>
      <h1>Retention events</h1>
      {form && (
        <section aria-labelledby="raise-heading" className="card">
          <h2 id="raise-heading">Raise an event</h2>
          <p>The clocks of the labelled items whose label this event type triggers start on the day it happened, for the space or the subject reference you choose.</p>
          {form.eventTypes.length === 0 ? (
            <p>
              Your file plan has no event types raised by hand. Add one in the <Link href="/records/labels">file plan</Link>.
            </p>
          ) : (
            <RaiseEventForm eventTypes={form.eventTypes} spaces={form.spaces} today={ukDay(ctx.now)} />
          )}
        </section>
      )}
      <h2 id="events-heading">Recent events</h2>
      {events.length === 0 ? (
        <div className="card empty">
          <p>No retention events have been raised yet.</p>
        </div>
      ) : (
        <table data-testid="retention-events">
          <caption className="visually-hidden">The latest {RETENTION_EVENTS_LISTED} retention events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Happened on</th>
              <th scope="col">For</th>
              <th scope="col">Clocks started</th>
              <th scope="col">Raised</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="retention-event-row">
                <td>
                  {e.eventType.name}
                  {e.description && <div className="meta">{e.description}</div>}
                </td>
                <td>{formatDate(e.occurredOn)}</td>
                <td>{e.space ? e.space.name ?? <span className="meta">another agency&apos;s space</span> : e.subjectReference ? `Subject ${e.subjectReference}` : <span className="meta">a space since deleted</span>}</td>
                <td>{e.itemCount}</td>
                <td>
                  {formatDateTime(e.raisedAt)}
                  {e.raisedBy && <div className="meta">by {e.raisedBy}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
