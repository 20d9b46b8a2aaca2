"use client";

/**
 * Raising a retention event (issue 8): the event type (the agency's raised ones, not computed),
 * the day it happened and its scope, a space of the agency or a subject reference, posted to
 * POST /api/v1/retention-events. The server decides who may and which day is allowed; on a
 * refusal an error summary links to each control with its problem beside it (the API's
 * `error.issues`) and nothing typed is lost; on success it says how many clocks started.
 */
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, type ApiIssue } from "../../../ui/call-api";
import { ErrorSummary } from "../../../ui/error-summary";

type Choice = { id: string; name: string };
type Raised = { itemCount: number };
type Scope = "space" | "subject";

/** The control each of the API's paths names. */
const CONTROL: Record<string, string> = { eventTypeId: "event-type", occurredOn: "event-day", spaceId: "event-space", subjectReference: "event-subject", description: "event-description" };
const controlOf = (path: string) => CONTROL[path] ?? null;

const focusSoon = (id: string, tries = 10): void => {
  setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else if (tries > 0) focusSoon(id, tries - 1);
  }, 16);
};

/** "3 items' clocks started", "1 item's clock started", "no item's clock started". */
export function clocksStarted(count: number): string {
  if (count === 0) return "no item's clock started";
  return count === 1 ? "1 item's clock started" : `${count} items' clocks started`;
}

export function RaiseEventForm({ eventTypes, spaces, today }: { eventTypes: Choice[]; spaces: Choice[]; today: string }) {
  const router = useRouter();
  const [eventTypeId, setEventTypeId] = useState("");
  const [occurredOn, setOccurredOn] = useState("");
  const [scope, setScope] = useState<Scope>("space");
  const [spaceId, setSpaceId] = useState("");
  const [subjectReference, setSubjectReference] = useState("");
  const [description, setDescription] = useState("");
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const errorsAt = (id: string) => issues.filter((i) => controlOf(i.path) === id).map((i) => i.message);
  /** The props tying a control to its error text, and the text itself. */
  const fieldError = (id: string): { props: { "aria-invalid"?: true; "aria-describedby"?: string }; text: ReactNode } => {
    const messages = errorsAt(id);
    if (messages.length === 0) return { props: {}, text: null };
    return {
      props: { "aria-invalid": true, "aria-describedby": `${id}-error` },
      text: (
        <p className="error-text" id={`${id}-error`}>
          {messages.join(". ")}
        </p>
      ),
    };
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSuccess(null);
    const body = { eventTypeId, occurredOn, description, ...(scope === "space" ? { spaceId } : { subjectReference }) };
    const result = await callJsonApi<Raised>("/retention-events", "POST", body);
    setSaving(false);
    if (!result.ok) {
      // A space that is not there (or not to be seen) answers 404 without issues: it is the space control's problem.
      const notFound = result.status === 404 && scope === "space" ? [{ path: "spaceId", message: result.error.message }] : [];
      const found = [...(result.error.issues ?? []), ...notFound].filter((i) => typeof i.path === "string" && typeof i.message === "string");
      const placed = found.filter((i) => controlOf(i.path) !== null);
      const general = found.filter((i) => controlOf(i.path) === null).map((i) => i.message);
      setIssues(placed);
      setFormError(placed.length === 0 ? (general.length > 0 ? general.join(". ") : result.error.message) : general.length > 0 ? general.join(". ") : null);
      focusSoon("event-error-summary");
      return;
    }
    const typeName = eventTypes.find((t) => t.id === eventTypeId)?.name ?? "The event";
    const target = scope === "space" ? (spaces.find((s) => s.id === spaceId)?.name ?? "the space") : subjectReference.trim();
    setIssues([]);
    setFormError(null);
    // The sweep is asked to run at once (lib/jobs/sweep-signal.ts): say where what is due goes.
    setSuccess(`${typeName} raised for ${target}: ${clocksStarted(result.data.itemCount)}${result.data.itemCount > 0 ? ". Items now past their retention reach the disposal review queue within a minute" : ""}`);
    // The next event starts from a clean form; the list below shows this one.
    setOccurredOn("");
    setDescription("");
    router.refresh();
  }

  const eventType = fieldError("event-type");
  const day = fieldError("event-day");
  const space = fieldError("event-space");
  const subject = fieldError("event-subject");
  const desc = fieldError("event-description");
  return (
    <>
      <ErrorSummary id="event-error-summary" message={formError} items={issues.map((issue) => ({ message: issue.message, controlId: controlOf(issue.path) }))} />
      <p role="status" className={success ? "alert alert-info" : "visually-hidden"} data-testid="event-raised">
        {success}
      </p>
      <form onSubmit={submit} noValidate aria-label="Raise a retention event">
        <div className="field">
          <label htmlFor="event-type">Event type</label>
          {eventType.text}
          <select id="event-type" value={eventTypeId} onChange={(e) => setEventTypeId(e.target.value)} {...eventType.props}>
            <option value="">Choose an event type</option>
            {eventTypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-day">The day it happened</label>
          <p className="meta" id="event-day-hint">
            Today or earlier.
          </p>
          {day.text}
          <input type="date" id="event-day" value={occurredOn} max={today} onChange={(e) => setOccurredOn(e.target.value)} aria-invalid={day.props["aria-invalid"]} aria-describedby={["event-day-hint", day.props["aria-describedby"]].filter(Boolean).join(" ")} />
        </div>
        <fieldset>
          <legend>What it happened to</legend>
          <div className="field">
            <label>
              <input type="radio" id="event-scope-space" name="event-scope" value="space" checked={scope === "space"} onChange={() => setScope("space")} /> A space
            </label>
            <label>
              <input type="radio" id="event-scope-subject" name="event-scope" value="subject" checked={scope === "subject"} onChange={() => setScope("subject")} /> A subject reference (a URN, a nominal)
            </label>
          </div>
          {scope === "space" ? (
            <div className="field">
              <label htmlFor="event-space">Space</label>
              {space.text}
              <select id="event-space" value={spaceId} onChange={(e) => setSpaceId(e.target.value)} {...space.props}>
                <option value="">Choose a space</option>
                {spaces.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="event-subject">Subject reference</label>
              {subject.text}
              <input type="text" id="event-subject" value={subjectReference} maxLength={100} onChange={(e) => setSubjectReference(e.target.value)} {...subject.props} />
            </div>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="event-description">Description (optional)</label>
          {desc.text}
          <textarea id="event-description" value={description} maxLength={1000} rows={3} onChange={(e) => setDescription(e.target.value)} {...desc.props} />
        </div>
        <button type="submit" className="button" disabled={isSaving}>
          {isSaving ? "Raising…" : "Raise event"}
        </button>
      </form>
    </>
  );
}
