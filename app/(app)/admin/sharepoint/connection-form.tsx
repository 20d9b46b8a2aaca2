"use client";
/**
 * The SharePoint connection form and its test (issue 9). Every control labelled; on a refusal the
 * shared error summary links to each control, with its problem beside it (the API's error.issues).
 * The secret is never sent back by the server: the field stays blank, and blank keeps the stored
 * one. Read-only for auditors and records managers. The server checks everything again.
 */
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { GraphConnectionView } from "@/lib/graph/connection-shared";
import { callJsonApi, type ApiIssue } from "../../../ui/call-api";
import { ErrorSummary } from "../../../ui/error-summary";
import { formatDateTime } from "../../../ui/format";

type TestResult = NonNullable<GraphConnectionView["lastTest"]>;
const FIELDS = ["tenantId", "clientId", "authKind", "clientSecret", "certificateThumbprint", "siteUrl", "driveName"] as const;
type Field = (typeof FIELDS)[number];
const STEP_LABELS = { token: "Sign-in token from Entra ID", site: "SharePoint site", drive: "Document library", write: "Writing to the library" } as const;
const controlId = (f: string) => (f === "authKind" ? "sp-auth-secret" : `sp-${f}`);

/** The test's outcome: each step with ✓ or ✗, its message and its Graph request-id. */
export function ConnectionTestResult({ test, testedAt }: { test: TestResult | null; testedAt: string | null }) {
  return (
    <div role="status" aria-live="polite" data-testid="connection-test">
      {test && (
        <div className={test.ok ? "alert alert-info" : "alert alert-warning"}>
          <p style={{ marginTop: 0 }}>
            <strong>{test.ok ? "The connection works." : "The connection does not work yet."}</strong>
            {testedAt && <span className="meta"> Tested {formatDateTime(testedAt)}.</span>}
          </p>
          <ul style={{ listStyle: "none", paddingLeft: 0, marginBottom: 0 }}>
            {test.steps.map((s) => (
              <li key={s.step}>
                <span aria-hidden="true">{s.ok ? "✓" : "✗"}</span> <span className="visually-hidden">{s.ok ? "Worked:" : "Failed:"}</span> <strong>{STEP_LABELS[s.step]}</strong>: {s.message}
                {s.requestId && <span className="meta"> (request-id {s.requestId})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function ConnectionForm({ connection, canEdit }: { connection: GraphConnectionView | null; canEdit: boolean }) {
  const router = useRouter();
  const [v, setV] = useState({
    tenantId: connection?.tenantId ?? "",
    clientId: connection?.clientId ?? "",
    authKind: connection?.authKind ?? "secret",
    clientSecret: "",
    certificateThumbprint: connection?.certificateThumbprint ?? "",
    siteUrl: connection?.siteUrl ?? "",
    driveName: connection?.driveName ?? "",
  });
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const [test, setTest] = useState<{ test: TestResult | null; testedAt: string | null }>({ test: connection?.lastTest ?? null, testedAt: connection?.lastTestedAt ?? null });
  const [testError, setTestError] = useState<string | null>(null);
  const set = (key: keyof typeof v, value: string) => setV((old) => ({ ...old, [key]: value }));
  const hasSecret = connection?.hasSecret ?? false;

  const fieldError = (field: Field): { props: { "aria-invalid"?: true; errorId?: string }; text: ReactNode } => {
    const messages = issues.filter((i) => i.path === field).map((i) => i.message);
    if (messages.length === 0) return { props: {}, text: null };
    const id = `${controlId(field)}-error`;
    return {
      props: { "aria-invalid": true, errorId: id },
      text: (
        <p className="error-text" id={id}>
          {messages.join(". ")}
        </p>
      ),
    };
  };
  const describedBy = (...ids: (string | undefined | null)[]) => ids.filter(Boolean).join(" ") || undefined;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (isBusy) return;
    setIsBusy(true);
    setStatus("Saving the connection…");
    const result = await callJsonApi<GraphConnectionView>("/sharepoint/connection", "PUT", v);
    setIsBusy(false);
    if (result.ok) {
      setIssues([]);
      setFormError(null);
      setV((old) => ({ ...old, clientSecret: "" }));
      setStatus("Connection saved. Test it to check that it works.");
      router.refresh();
      return;
    }
    setStatus("The connection was not saved");
    const found = (result.error.issues ?? []).filter((i) => (FIELDS as readonly string[]).includes(i.path));
    setIssues(found);
    setFormError(found.length === 0 ? result.error.message : null);
    setTimeout(() => document.getElementById("sp-error-summary")?.focus(), 16);
  }

  async function runTest() {
    setIsBusy(true);
    setTestError(null);
    setStatus("Testing the connection…");
    const result = await callJsonApi<TestResult>("/sharepoint/connection/test", "POST");
    setIsBusy(false);
    setStatus("");
    if (result.ok) {
      setTest({ test: result.data, testedAt: new Date().toISOString() });
      router.refresh();
    } else setTestError(result.error.message);
  }

  const tenant = fieldError("tenantId");
  const client = fieldError("clientId");
  const secret = fieldError("clientSecret");
  const thumbprint = fieldError("certificateThumbprint");
  const site = fieldError("siteUrl");
  const drive = fieldError("driveName");
  const kind = fieldError("authKind");
  const isCertificate = v.authKind === "certificate";

  return (
    <section aria-labelledby="sp-connection-heading" className="card">
      <h2 id="sp-connection-heading" style={{ marginTop: 0 }}>
        Connection
      </h2>
      {!connection && (
        <p className="empty" data-testid="no-connection">
          No SharePoint connection yet: {canEdit ? "register an app in Entra ID with Sites.Selected access to the site, then enter its details here." : "an agency administrator sets it up here."}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      <ErrorSummary id="sp-error-summary" message={formError} items={issues.map((i) => ({ message: i.message, controlId: controlId(i.path) }))} />
      <form noValidate onSubmit={save} aria-label="SharePoint connection">
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="sp-tenantId">Tenant id</label>
            <p className="hint" id="sp-tenantId-hint">
              The Entra ID tenant&apos;s GUID or domain, such as contoso.onmicrosoft.com.
            </p>
            <input id="sp-tenantId" type="text" autoComplete="off" value={v.tenantId} onChange={(e) => set("tenantId", e.target.value)} maxLength={200} aria-invalid={tenant.props["aria-invalid"]} aria-describedby={describedBy("sp-tenantId-hint", tenant.props.errorId)} />
            {tenant.text}
          </div>
          <div className="field">
            <label htmlFor="sp-clientId">Client (application) id</label>
            <p className="hint" id="sp-clientId-hint">
              The app registration&apos;s GUID.
            </p>
            <input id="sp-clientId" type="text" autoComplete="off" value={v.clientId} onChange={(e) => set("clientId", e.target.value)} maxLength={100} aria-invalid={client.props["aria-invalid"]} aria-describedby={describedBy("sp-clientId-hint", client.props.errorId)} />
            {client.text}
          </div>
          <fieldset aria-describedby={kind.props.errorId}>
            <legend>Credential</legend>
            <div className="checkbox">
              <input type="radio" id="sp-auth-secret" name="authKind" value="secret" checked={!isCertificate} onChange={() => set("authKind", "secret")} />
              <label htmlFor="sp-auth-secret">Client secret</label>
            </div>
            <div className="checkbox">
              <input type="radio" id="sp-auth-certificate" name="authKind" value="certificate" checked={isCertificate} onChange={() => set("authKind", "certificate")} />
              <label htmlFor="sp-auth-certificate">Certificate</label>
            </div>
            {kind.text}
          </fieldset>
          <div className="field">
            <label htmlFor="sp-clientSecret">{isCertificate ? "Certificate private key (PEM)" : "Client secret"}</label>
            <p className="hint" id="sp-clientSecret-hint">
              {hasSecret ? "A secret is stored and is never shown. Leave this blank to keep it." : "Shown once when it is saved, and never again."}
            </p>
            {isCertificate ? (
              <textarea id="sp-clientSecret" rows={4} autoComplete="off" spellCheck={false} value={v.clientSecret} onChange={(e) => set("clientSecret", e.target.value)} placeholder={hasSecret ? "A key is stored: leave blank to keep it" : "-----BEGIN PRIVATE KEY-----"} aria-invalid={secret.props["aria-invalid"]} aria-describedby={describedBy("sp-clientSecret-hint", secret.props.errorId)} />
            ) : (
              <input id="sp-clientSecret" type="password" autoComplete="new-password" value={v.clientSecret} onChange={(e) => set("clientSecret", e.target.value)} placeholder={hasSecret ? "A secret is stored: leave blank to keep it" : ""} aria-invalid={secret.props["aria-invalid"]} aria-describedby={describedBy("sp-clientSecret-hint", secret.props.errorId)} />
            )}
            {secret.text}
          </div>
          {isCertificate && (
            <div className="field">
              <label htmlFor="sp-certificateThumbprint">Certificate thumbprint</label>
              <p className="hint" id="sp-certificateThumbprint-hint">
                Its SHA-256 thumbprint: 64 hexadecimal characters.
              </p>
              <input id="sp-certificateThumbprint" type="text" autoComplete="off" spellCheck={false} value={v.certificateThumbprint} onChange={(e) => set("certificateThumbprint", e.target.value)} maxLength={128} aria-invalid={thumbprint.props["aria-invalid"]} aria-describedby={describedBy("sp-certificateThumbprint-hint", thumbprint.props.errorId)} />
              {thumbprint.text}
            </div>
          )}
          <div className="field">
            <label htmlFor="sp-siteUrl">SharePoint site address</label>
            <p className="hint" id="sp-siteUrl-hint">
              Such as https://contoso.sharepoint.com/sites/Accord.
            </p>
            <input id="sp-siteUrl" type="url" autoComplete="off" value={v.siteUrl} onChange={(e) => set("siteUrl", e.target.value)} maxLength={500} aria-invalid={site.props["aria-invalid"]} aria-describedby={describedBy("sp-siteUrl-hint", site.props.errorId)} />
            {site.text}
          </div>
          <div className="field">
            <label htmlFor="sp-driveName">Library (optional)</label>
            <p className="hint" id="sp-driveName-hint">
              The document library&apos;s name. Blank: the site&apos;s default library.
            </p>
            <input id="sp-driveName" type="text" autoComplete="off" value={v.driveName} onChange={(e) => set("driveName", e.target.value)} maxLength={200} aria-invalid={drive.props["aria-invalid"]} aria-describedby={describedBy("sp-driveName-hint", drive.props.errorId)} />
            {drive.text}
          </div>
          {canEdit && (
            <div className="row">
              <button type="submit" className="button" disabled={isBusy}>
                Save
              </button>
              {connection && (
                <button type="button" className="button button-secondary" disabled={isBusy} onClick={runTest}>
                  Test connection
                </button>
              )}
            </div>
          )}
        </fieldset>
      </form>
      {testError && (
        <p className="error-text" role="alert">
          {testError}
        </p>
      )}
      <ConnectionTestResult test={test.test} testedAt={test.testedAt} />
    </section>
  );
}
