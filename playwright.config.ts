import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against a production build (`npm start`) on a fresh embedded database,
// in Debian's Chromium (Playwright cannot download browsers here), plus a real OpenID Connect
// provider (oidc-provider) started for the tests.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 4011);
export const baseURL = `http://localhost:${PORT}`;
const E2E_DATA_DIR = `.data/e2e-${PORT}`;
// The Microsoft Graph stand-in (graph-standin/), which e2e/sharepoint.spec.ts connects DCP to: its
// generated certificate authority is written beside the data directory (which Accord's server
// command empties) and trusted by Accord through ACCORD_GRAPH_CA_FILE.
export const GRAPH_PORT = Number(process.env.E2E_GRAPH_PORT ?? 4012);
export const graphURL = `https://localhost:${GRAPH_PORT}`;
const GRAPH_CA_FILE = `.data/e2e-graph-ca-${PORT}.pem`;

export default defineConfig({
  testDir: "./e2e",
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    // Everything that only reads the seeded documents (route-matrix.spec.ts asserts that nothing changed them)…
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /(co-editing|comments|records-disposal|records-holds|sharepoint)\.spec\.ts/ },
    // …then the specs that edit them, comment on them and change Kestrel's members…
    { name: "co-editing", use: { ...devices["Desktop Chrome"] }, testMatch: /(co-editing|comments)\.spec\.ts/, dependencies: ["chromium"] },
    // …then the records specs that leave content behind or take it away: holds on new documents
    // of DCP Training (they read the seeded documents, so before the disposal story)…
    { name: "records-holds", use: { ...devices["Desktop Chrome"] }, testMatch: /records-holds\.spec\.ts/, dependencies: ["co-editing"] },
    // …then Janet's disposal story, which disposes of Kestrel's content…
    { name: "records-disposal", use: { ...devices["Desktop Chrome"] }, testMatch: /records-disposal\.spec\.ts/, dependencies: ["records-holds"] },
    // …and last DCP's SharePoint connection: from then on every DCP page shows a sync status and
    // every DCP change goes to the stand-in too, which no earlier spec expects.
    { name: "sharepoint", use: { ...devices["Desktop Chrome"] }, testMatch: /sharepoint\.spec\.ts/, dependencies: ["records-disposal"] },
  ],
  webServer: [
    {
      // Started before Accord (web servers start in order), so the CA file exists when Accord reads it.
      command: `mkdir -p .data && node_modules/.bin/tsx graph-standin/cli.ts --port ${GRAPH_PORT} --ca-out ${GRAPH_CA_FILE}`,
      url: `${graphURL}/_standin/state`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node_modules/.bin/tsx e2e/support/oidc-server.ts",
      url: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), ACCORD_E2E_URL: baseURL },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A fresh embedded database each run: the demo scenario is seeded on an empty data directory,
      // so no run sees what an earlier one changed (webServer starts before globalSetup, so this
      // cannot be a globalSetup). One directory per port, so runs on other ports are left alone.
      command: `rm -rf ${E2E_DATA_DIR} && npm start`,
      url: `${baseURL}/api/health`,
      env: {
        PORT: String(PORT),
        ACCORD_URL: baseURL,
        ACCORD_DATA_DIR: E2E_DATA_DIR,
        ACCORD_DEMO: "true",
        DATABASE_URL: "",
        ACCORD_GRAPH_URL: graphURL,
        ACCORD_GRAPH_LOGIN_URL: graphURL,
        ACCORD_GRAPH_CA_FILE: GRAPH_CA_FILE,
        ACCORD_IDENTITY_PROVIDERS: JSON.stringify([
          {
            type: "oidc",
            id: "dcp-oidc",
            name: "Devon & Cornwall Police (test identity provider)",
            agency: "DCP",
            issuer: `http://localhost:${OIDC_PORT}`,
            clientId: "accord-e2e",
            clientSecret: "accord-e2e-secret",
          },
          // The issuer mix-up case of e2e/oidc.spec.ts: metadata at this issuer points at the
          // provider above, whose ID tokens carry its own issuer; Accord must refuse them.
          {
            type: "oidc",
            id: "dcp-oidc-mixup",
            name: "Issuer mix-up (test identity provider)",
            agency: "DCP",
            issuer: `http://localhost:${OIDC_PORT}/mixup`,
            clientId: "accord-e2e",
            clientSecret: "accord-e2e-secret",
          },
        ]),
      },
      reuseExistingServer: false,
      // A first start builds Accord (`next build`, about 3 minutes on two cores, more while the
      // machine is busy): the wait covers the build, not only the start.
      timeout: 480_000,
      stdout: "pipe",
    },
  ],
});
