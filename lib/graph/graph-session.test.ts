/**
 * GraphSession's own handling of bodies, against the stand-in over HTTPS with the real MSAL and
 * Graph client. The SDK sends a typed array other than a Buffer as its whole underlying buffer, so
 * a view cut from a larger buffer (a fragment of a document's .docx) must reach Graph as the view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { GraphSession } from "./graph-session";
import { overrideGraphSettings } from "./graph-settings";
import { resetGates } from "./throttle-gate";
import type { DriveItem } from "./drive-item";

let standin: TestStandin;

beforeAll(async () => {
  standin = await startTestStandin();
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, ruPerMinute: 600_000 });
  resetGates();
}, 60_000);
afterAll(async () => {
  overrideGraphSettings(undefined);
  await standin?.s.close();
});

const session = () =>
  new GraphSession({ agencyId: "session-test", tenantId: "dcp-tenant", clientId: "6a1b2c3d-0000-4000-8000-00000000dc01", authKind: "secret", secret: "accord-demo-secret", certificateThumbprint: null, version: "1" });

describe("GraphSession bodies", () => {
  it("a view into a larger buffer is sent as the view's bytes alone", async () => {
    const whole = new TextEncoder().encode("0123456789abcdefghijklmnopqrstuvwxyz");
    const view = whole.subarray(10, 16); // "abcdef"
    const put = await session().request<DriveItem>({ method: "PUT", url: `/drives/${standin.driveId}/root:/view.txt:/content`, body: view });
    expect(put.body.size).toBe(6);
    const content = await standin.g("GET", `/drives/${standin.driveId}/items/${put.body.id}/content`, { redirect: "follow" });
    expect(await content.text()).toBe("abcdef");
  });

  it("records each call with its request-id, and keeps no query string in the log", async () => {
    const s = session();
    await s.request({ method: "GET", url: `/drives/${standin.driveId}/root/children?$top=1` });
    const [call] = s.drainCalls();
    expect(call).toMatchObject({ method: "GET", path: `/drives/${standin.driveId}/root/children`, status: 200 });
    expect(call!.requestId).toMatch(/\S/);
  });
});
