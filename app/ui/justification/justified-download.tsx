/**
 * A download or export that the person's agency asks them to justify (DPA 2018 s.62): a small
 * form posting the reason with the request, so the file comes back as an attachment and the
 * reason is logged on the disclosure's audit event. A native form: it works without JavaScript
 * and from the keyboard.
 */
export function JustifiedDownload({ action, label, fields = {}, id }: { action: string; label: string; fields?: Record<string, string>; id: string }) {
  return (
    <details className="justified-download">
      <summary>{label}</summary>
      <form method="post" action={action} style={{ marginTop: "0.5rem" }}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor={`${id}-justification`}>Why are you taking a copy?</label>
          <textarea id={`${id}-justification`} name="justification" rows={2} minLength={10} maxLength={500} required aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="meta">
            Your agency asks for a reason, kept in the audit trail. At least 10 characters.
          </p>
        </div>
        <button className="button" type="submit">
          Download
        </button>
      </form>
    </details>
  );
}
