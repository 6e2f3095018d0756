// The gzipped size of the initial JavaScript of the production build (the
// entry chunk and its static imports, from dist/.vite/manifest.json); exits 1
// above the budget.  Run by ops/scripts/check-web.sh after `vite build`:
//   (cd apps/web && node ../../ops/scripts/initial-js-size.mjs 150)   # budget in KB
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
