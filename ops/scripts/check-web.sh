#!/usr/bin/env bash
# Web app checks: lint, types, formatting, unit tests, production build, and
# the gzipped size of the initial JavaScript (fails above the budget).
source "$(dirname "$0")/lib.sh"

BUDGET_KB="${WEB_INITIAL_JS_BUDGET_KB:-150}"

npm_ci_if_stale "$WEB_DIR"
cd "$WEB_DIR"

step "web: eslint"
npm run --silent lint
step "web: typecheck"
npm run --silent typecheck
step "web: prettier --check"
npm run --silent format:check
step "web: vitest"
npx --no-install vitest run
step "web: vite build"
npx --no-install vite build

step "web: initial JS size (entry chunk + its static imports, gzipped)"
node --input-type=module - "$BUDGET_KB" <<'JS'
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budgetKb = Number(process.argv[2]);
const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length;
  total += size;
  console.log(`  ${file}  ${(size / 1024).toFixed(1)} KB gzip`);
}
const totalKb = total / 1024;
console.log(`initial JS: ${totalKb.toFixed(1)} KB gzip (budget ${budgetKb} KB)`);
if (totalKb > budgetKb) {
  console.error(`initial JS is over budget by ${(totalKb - budgetKb).toFixed(1)} KB`);
  process.exit(1);
}
JS
