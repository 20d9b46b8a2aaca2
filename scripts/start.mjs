// `npm start`: builds Accord when the sources changed since the last build (first start takes a
// minute or two), then starts server.ts. Plain JavaScript so that it runs before anything else.
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const stampFile = path.join(root, ".next", "accord-source-stamp");

/** A fingerprint of everything that goes into the build: names, sizes and modification times. */
function sourceStamp() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        hash.update(`${path.relative(root, full)}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "lib", "db", "policies"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.ts", "tsconfig.json", "postcss.config.mjs"]) {
    if (fs.existsSync(path.join(root, file))) hash.update(`${file}:${fs.statSync(path.join(root, file)).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

const stamp = sourceStamp();
const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  console.log("[accord] Building Accord (the first start takes a minute or two)…");
  const result = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    console.error("[accord] The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stampFile, stamp);
}

const child = spawn(bin("tsx"), ["server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
