/**
 * Issue 9's browser acceptance: Sam, DCP's administrator, connects the force to SharePoint (the
 * Graph stand-in, started by playwright.config.ts over HTTPS with its own certificate authority,
 * so the real MSAL and Graph client run). A wrong secret is named by the test; the right one
 * passes every step, and a document Priya writes shows "SharePoint: synced". Then the bad cases
 * a person must see rather than lose: a full library (507) shows on the file with its reason and
 * is sent again by Retry, and a deletion SharePoint refuses because the item is locked as a record
 * (423) is listed on Sam's page with SharePoint's reason.
 *
 * It runs last (its own project): once DCP is connected, every DCP page shows a sync status.
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { graphURL } from "../playwright.config";
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

const CLIENT_ID = "6a1b2c3d-0000-4000-8000-00000000dc01";
const SECRET = "accord-demo-secret";
const SITE = "https://dcpolice.sharepoint.com/sites/Accord";

type StandinItem = { id: string; name: string; path: string; retentionLabel: { isRecordLocked: boolean } | null };
type StandinState = { sites: { hostname: string; path: string; drives: { id: string; items: StandinItem[] }[] }[] };

/** The stand-in's control endpoints (/_standin/…), which stand for what people do in SharePoint. */
async function standin(): Promise<{ api: APIRequestContext; drive: () => Promise<{ id: string; items: StandinItem[] }> }> {
  const api = await playwrightRequest.newContext({ baseURL: graphURL, ignoreHTTPSErrors: true });
  const drive = async () => {
    const state = (await (await api.get("/_standin/state")).json()) as StandinState;
    const site = state.sites.find((s) => s.hostname === "dcpolice.sharepoint.com" && s.path === "/sites/Accord");
    return site!.drives[0]!;
  };
  return { api, drive };
}

test("Sam connects DCP to SharePoint: a wrong secret is named, the right one works, and Priya's document shows synced", async ({ openSession }) => {
  test.setTimeout(180_000);
  const graph = await standin();
  const tag = Date.now().toString(36);

  // 1. The connection, first with a secret that is not the app's.
  const sam = await openSession(PEOPLE.sam);
  await sam.page.goto("/admin/sharepoint");
  await expect(sam.page.getByRole("heading", { name: "SharePoint sync for Devon & Cornwall Police", level: 1 })).toBeVisible();
  await expect(sam.page.getByTestId("no-connection")).toBeVisible();
  const tenant = sam.page.getByLabel("Tenant id");
  await expectHydrated(tenant);
  await tenant.fill("dcp-tenant");
  await sam.page.getByLabel("Client (application) id").fill(CLIENT_ID);
  await sam.page.locator("#sp-clientSecret").fill("not-the-app-secret");
  await sam.page.getByLabel("SharePoint site address").fill(SITE);
  await sam.page.getByRole("button", { name: "Save", exact: true }).click();
  const testButton = sam.page.getByRole("button", { name: "Test connection" });
  await expect(testButton).toBeVisible();
  await testButton.click();
  const outcome = sam.page.getByTestId("connection-test");
  await expect(outcome).toContainText("The connection does not work yet.");
  await expect(outcome).toContainText("refused the client secret");

  // 2. The right secret: every step works. What failed on the wrong one is sent again.
  await sam.page.locator("#sp-clientSecret").fill(SECRET);
  await sam.page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(sam.page.getByRole("status").filter({ hasText: "Connection saved." })).toBeAttached();
  await testButton.click();
  await expect(outcome).toContainText("The connection works.");
  for (const step of ["Sign-in token from Entra ID", "SharePoint site", "Document library", "Writing to the library"]) await expect(outcome).toContainText(step);

  // 3. Priya writes a document in DCP Training: its page shows it synced, and it is in the library as .docx.
  const priya = await openSession(PEOPLE.priya);
  const origin = new URL(priya.page.url()).origin;
  const spaces = (await (await priya.context.request.get("/api/v1/spaces")).json()) as { items: { id: string; name: string }[] };
  const training = spaces.items.find((s) => s.name === "DCP Training")!.id;
  const title = `Briefing note ${tag}`;
  const created = await priya.context.request.post("/api/v1/documents", { data: { spaceId: training, title }, headers: { origin } });
  expect(created.ok()).toBe(true);
  const documentId = ((await created.json()) as { id: string }).id;
  await priya.page.goto(`/documents/${documentId}`);
  const documentSync = priya.page.getByTestId("sync-status");
  // It polls while waiting (3 s, 5 s, 8 s…); a reload now and then covers a slow first delivery.
  await expect
    .poll(
      async () => {
        if ((await documentSync.getAttribute("data-status").catch(() => null)) !== "synced") await priya.page.reload();
        return documentSync.getAttribute("data-status");
      },
      { timeout: 90_000, intervals: [2_000, 5_000] },
    )
    .toBe("synced");
  await expect(documentSync).toContainText("SharePoint: synced");
  expect((await graph.drive()).items.some((i) => i.path.endsWith(`/DCP Training/${title}.docx`))).toBe(true);

  // 4. A full library (507): the file says so, with SharePoint's reason, and nothing is lost; Retry sends it once there is room.
  const quotaName = `quota-check-${tag}.txt`;
  expect((await graph.api.post("/_standin/faults", { data: { status: 507, code: "quotaLimitReached", method: "PUT", pathRegex: `quota-check-${tag}` } })).status()).toBe(204);
  const uploaded = await priya.context.request.post(`/api/v1/spaces/${training}/files`, {
    multipart: { file: { name: quotaName, mimeType: "text/plain", buffer: Buffer.from("A file for a library that is full.\n") } },
    headers: { origin },
  });
  expect(uploaded.status()).toBe(200);
  await priya.page.goto(`/spaces/${training}`);
  const fileRow = priya.page.getByTestId("file-row").filter({ hasText: quotaName });
  const fileSync = fileRow.getByTestId("sync-status");
  await expect
    .poll(
      async () => {
        if ((await fileSync.getAttribute("data-status").catch(() => null)) !== "failed") await priya.page.reload();
        return fileSync.getAttribute("data-status");
      },
      { timeout: 60_000, intervals: [2_000, 3_000] },
    )
    .toBe("failed");
  await expect(fileSync).toContainText("The SharePoint library is full");
  expect((await graph.drive()).items.some((i) => i.name === quotaName)).toBe(false);
  expect((await graph.api.delete("/_standin/faults")).status()).toBe(204);
  await fileRow.getByRole("button", { name: `Retry ${quotaName}` }).click();
  await expect(fileRow.getByRole("status").filter({ hasText: "Sent to SharePoint again" })).toBeVisible();
  await expect(fileSync).toHaveAttribute("data-status", "synced", { timeout: 60_000 });
  expect((await graph.drive()).items.some((i) => i.name === quotaName)).toBe(true);

  // 5. A record lock in SharePoint (423): Priya deletes the file in Accord; SharePoint refuses, and Sam sees why.
  const fileId = ((await uploaded.json()) as { id: string }).id;
  const remote = (await graph.drive()).items.find((i) => i.name === quotaName)!;
  const drive = await graph.drive();
  expect((await graph.api.post("/_standin/remote/lock", { data: { driveId: drive.id, itemId: remote.id, locked: true } })).status()).toBe(200);
  expect((await priya.context.request.delete(`/api/v1/files/${fileId}`, { headers: { origin } })).ok()).toBe(true);
  const problems = sam.page.getByTestId("sync-problems");
  await expect
    .poll(
      async () => {
        await sam.page.goto("/admin/sharepoint");
        return (await problems.count()) > 0 ? problems.getByRole("row").filter({ hasText: "File (delete)" }).count() : 0;
      },
      { timeout: 60_000, intervals: [2_000, 3_000] },
    )
    .toBe(1);
  const refusal = problems.getByRole("row").filter({ hasText: "File (delete)" });
  await expect(refusal).toContainText("DCP Training");
  await expect(refusal).toContainText("locked as a record");
  // Still there in SharePoint: the refusal is kept, not ignored.
  expect((await graph.drive()).items.some((i) => i.id === remote.id)).toBe(true);
  await graph.api.dispose();
});
