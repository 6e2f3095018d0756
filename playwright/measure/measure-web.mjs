// Frontend measurement of the job list (not a test: nothing fails on time).
//
// Opens the dashboard in Chromium and reports:
//   - time from navigation start to the first rows painted (first
//     job row in the DOM, then two animation frames);
//   - layout shift (CLS, the sum of layout-shift entries without recent input) during the
//     load and while scrolling;
//   - while scrolling through ROWS rows (infinite loading included): the
//     largest number of row elements in the DOM at once, and the longest
//     main-thread task (PerformanceObserver 'longtask', >= 50 ms by
//     definition; 0 means none was that long).
// Prints a markdown table; writes JSON to OUT_JSON when set.
//
//   BASE_URL=http://127.0.0.1:14180 ROWS=5000 node playwright/measure/measure-web.mjs
//
// ops/scripts/bench-web.sh runs this beside the servers (honcho, Procfile.bench);
// it waits until BASE_URL/api/health/ answers.

import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:14180';
const targetRows = Number(process.env.ROWS ?? '5000');
const runs = Number(process.env.RUNS ?? '3');
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ||
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// A job row of the jobs table (the header row is aria-rowindex 1).
const ROW = '[role="table"] [role="row"]:not([aria-rowindex="1"])';

// Runs in the page before any of its scripts: record long tasks and the
// moment the first row is painted.
function instrument(ROW) {
  const state = { longTasks: [], firstRowMs: null, shifts: [] };
  window.__measure = state;
  try {
    // Cumulative Layout Shift: shifts not caused by the reader's own input.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) state.shifts.push({ start: entry.startTime, value: entry.value });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    state.layoutShiftUnsupported = true;
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    state.longTaskUnsupported = true;
  }
  const check = () => {
    if (state.firstRowMs === null && document.querySelector(ROW)) {
      state.firstRowMs = -1;
      // Two frames: the row has been laid out and painted.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          state.firstRowMs = performance.now();
        }),
      );
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
}

// Runs in the page: scroll the list's scroll container one viewport per
// frame until `target` rows have been scrolled past, waiting for the next
// page to load whenever the bottom is reached.
async function scrollThrough({ target, stallMs, ROW }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const first = document.querySelector(ROW);
  if (!first) throw new Error('no job row on the page');
  // The nearest scrolling ancestor of the rows, else the page (the list scrolls with the window).
  let scroller = first.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 &&
    /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
    scroller = scroller.parentElement;
  }
  scroller ??= document.scrollingElement ?? document.documentElement;
  const rowHeight = first.getBoundingClientRect().height || 1;
  const started = performance.now();
  let maxRows = 0;
  let steps = 0;
  let waits = 0;
  let lastHeight = scroller.scrollHeight;
  let stalledSince = null;
  const count = () => document.querySelectorAll(ROW).length;
  while (scroller.scrollTop / rowHeight < target) {
    scroller.scrollTop += scroller.clientHeight;
    steps += 1;
    await frame();
    maxRows = Math.max(maxRows, count());
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    if (atBottom) {
      if (scroller.scrollHeight !== lastHeight) {
        lastHeight = scroller.scrollHeight;
        stalledSince = null;
      } else {
        stalledSince ??= performance.now();
        if (performance.now() - stalledSince > stallMs) break; // end of data
        waits += 1;
        await sleep(20);
      }
    }
  }
  maxRows = Math.max(maxRows, count());
  return {
    rowsScrolled: Math.round(scroller.scrollTop / rowHeight),
    rowHeightPx: rowHeight,
    scrollMs: performance.now() - started,
    scrollStartMs: started,
    steps,
    waits,
    maxRows,
  };
}

async function measureOnce(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument, ROW);
  let apiRequests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/jobs/')) apiRequests += 1;
  });
  await page.goto(baseUrl + '/', { waitUntil: 'commit' });
  await page.waitForFunction(() => (window.__measure?.firstRowMs ?? -1) > 0, null, {
    timeout: 30_000,
  });
  const firstRowMs = await page.evaluate(() => window.__measure.firstRowMs);
  // The load is over once the exact counts are in the chips (they used to push the list down).
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('[aria-label="Filter by status"]')?.textContent ?? ''),
    null,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(500);
  const scroll = await page.evaluate(scrollThrough, { target: targetRows, stallMs: 10_000, ROW });
  // Let a long task that ended with the scroll reach the observer.
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => window.__measure.longTasks);
  const shifts = await page.evaluate(() => window.__measure.shifts);
  const sum = (list) => list.reduce((total, shift) => total + shift.value, 0);
  const duringLoad = tasks.filter((t) => t.start < scroll.scrollStartMs);
  const duringScroll = tasks.filter((t) => t.start >= scroll.scrollStartMs);
  const longest = (list) => list.reduce((max, t) => Math.max(max, t.duration), 0);
  await context.close();
  return {
    firstRowMs,
    ...scroll,
    apiRequests,
    clsLoad: sum(shifts.filter((shift) => shift.start < scroll.scrollStartMs)),
    clsScroll: sum(shifts.filter((shift) => shift.start >= scroll.scrollStartMs)),
    longTasksLoad: duringLoad.length,
    longestTaskLoadMs: longest(duringLoad),
    longTasksScroll: duringScroll.length,
    longestTaskScrollMs: longest(duringScroll),
  };
}

// The servers start beside this process: wait up to 2 minutes for them.
for (let waited = 0; ; waited += 500) {
  const ok = await fetch(`${baseUrl}/api/health/`).then((r) => r.ok, () => false);
  if (ok) break;
  if (waited > 120_000) throw new Error(`${baseUrl}/api/health/ did not answer within 2 minutes`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const browser = await chromium.launch({ executablePath, args });
const chromiumVersion = browser.version();
const results = [];
try {
  for (let i = 0; i < runs; i += 1) {
    results.push(await measureOnce(browser));
  }
} finally {
  await browser.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (v) => (Number.isInteger(v) ? String(v) : Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(1));
const rows = [
  ['navigation → first rows painted (ms)', (r) => r.firstRowMs],
  ['rows scrolled', (r) => r.rowsScrolled],
  ['scroll time (ms)', (r) => r.scrollMs],
  ['list API requests (load + scroll)', (r) => r.apiRequests],
  ['max row elements in the DOM', (r) => r.maxRows],
  ['layout shift during load (CLS, target <= 0.05)', (r) => r.clsLoad],
  ['layout shift while scrolling (CLS)', (r) => r.clsScroll],
  ['long tasks during load (count)', (r) => r.longTasksLoad],
  ['longest task during load (ms)', (r) => r.longestTaskLoadMs],
  ['long tasks during scroll (count)', (r) => r.longTasksScroll],
  ['longest task during scroll (ms)', (r) => r.longestTaskScrollMs],
];
const lines = [
  `Frontend measurement: ${baseUrl}, ${runs} runs, target ${targetRows} rows, ` +
    `row height ${fmt(results[0].rowHeightPx)} px, viewport 1280×900, Chromium ${chromiumVersion}`,
  '',
  `| metric | median | ${results.map((_, i) => `run ${i + 1}`).join(' | ')} |`,
  `|---|---:|${results.map(() => '---:').join('|')}|`,
  ...rows.map(
    ([label, get]) =>
      `| ${label} | ${fmt(median(results.map(get)))} | ${results.map((r) => fmt(get(r))).join(' | ')} |`,
  ),
  '',
  'Long tasks are main-thread tasks of 50 ms or more (PerformanceObserver "longtask"); 0 = none.',
];
console.log(lines.join('\n'));
if (process.env.OUT_MD) writeFileSync(process.env.OUT_MD, lines.join('\n') + '\n');
if (process.env.OUT_JSON) writeFileSync(process.env.OUT_JSON, JSON.stringify(results, null, 2));
