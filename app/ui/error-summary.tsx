"use client";

/** One problem: its message, and the control it is about (linked, so that it can be reached at once). */
export type SummaryItem = {
  message: string;
  /** The id of the control the problem is about; without one the message is plain text. */
  controlId?: string | null;
  /** What following the link does instead of focusing the control (e.g. turn to the control's page first). */
  jump?: () => void;
  /** A note after the message (e.g. where in the definition a problem lies). */
  detail?: string | null;
};

type Props = {
  /** The summary's id (forms focus it after a refused save). */
  id: string;
  /** A problem that names no control. */
  message?: string | null;
  items: SummaryItem[];
  /** Anything the form adds at the end ("Your changes are still here"). */
  children?: React.ReactNode;
};

/**
 * The "There is a problem" summary a form shows above itself when the server refuses what was
 * sent (GOV.UK's error summary pattern): every problem listed, each linking to its control. One
 * component for every form, so that each summary reads and behaves the same way (WCAG 3.3.1).
 */
export function ErrorSummary({ id, message, items, children }: Props) {
  if (!message && items.length === 0) return null;
  return (
    <div className="alert" role="alert" id={id} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>
        There is a problem
      </h2>
      {message && <p>{message}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((item, i) => (
            <li key={i}>
              {item.controlId ? (
                <a
                  href={`#${item.controlId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    if (item.jump) item.jump();
                    else document.getElementById(item.controlId!)?.focus();
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
              {item.detail ? <span className="meta"> ({item.detail})</span> : null}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
