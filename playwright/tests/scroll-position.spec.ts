import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { JobsPage } from '../pages/jobs-page';

/**
 * The number in the name (`<prefix>-NNN`) of the first job row whose top part is not hidden
 * under the sticky header: the row a reader sees at the top of the list.
 */
async function topRowNumber(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('[role="columnheader"]')?.closest('[role="row"]');
    const list = document.querySelector('[role="table"], [role="list"][aria-label="Jobs"]');
    const edge = Math.max(header?.getBoundingClientRect().bottom ?? 0, list?.getBoundingClientRect().top ?? 0, 0);
    const rows = Array.from(document.querySelectorAll('[role="table"] [role="row"], [role="listitem"]'));
    for (const row of rows) {
      if (row.querySelector('[role="columnheader"]')) continue;
      const box = row.getBoundingClientRect();
      if (box.bottom - 8 > edge) return Number(/-(\d+)$/.exec(row.querySelector('a')?.textContent ?? '')?.[1] ?? -1);
    }
    return -1;
  });
}

/** Scrolls with the mouse wheel over the jobs until the top row's number is at most `target`. */
async function scrollDownTo(page: Page, jobsPage: JobsPage, target: number): Promise<void> {
  await jobsPage.rows.nth(1).hover();
  await expect(async () => {
    await page.mouse.wheel(0, 600);
    expect(await topRowNumber(page)).toBeLessThanOrEqual(target);
  }).toPass({ timeout: 60_000 });
}

// Issue 19.3: the list kept one scroll position across filters (and Back/Forward).
test('a filter change starts at the top, and Back/Forward restore each view where it was', async ({
  page,
  jobsPage,
  api,
  makeName,
}) => {
  test.slow(); // 150 jobs through the API
  const prefix = makeName();
  // Newest first: row numbers count down from 149; every third job failed.
  const jobs = await api.createJobs(
    Array.from({ length: 150 }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`),
    1, // one at a time, so that creation order is name order
  );
  for (let i = 0; i < jobs.length; i += 3) await api.setStatus(jobs[i]!.id, 'FAILED');
  await page.setViewportSize({ width: 1280, height: 800 });

  await jobsPage.goto({ search: prefix });
  await expect.poll(() => topRowNumber(page)).toBe(149);
  await scrollDownTo(page, jobsPage, 60);
  const allPosition = await topRowNumber(page);

  // A new filter opens at its first row.
  await jobsPage.filterByStatus('FAILED');
  await expect(jobsPage.rowLinks().first()).toHaveText(`${prefix}-147`);
  await expect.poll(() => topRowNumber(page)).toBe(147);
  await scrollDownTo(page, jobsPage, 90);
  const failedPosition = await topRowNumber(page);

  // Back: the unfiltered view where it was; Forward: the failed view where it was. (Within a
  // few rows: React Router's ScrollRestoration restores the window's offset, measured ~7 rows
  // short after a deep scroll; the old list stayed at the other view's offset, 30+ rows off.)
  const near = (position: number) => async () => Math.abs((await topRowNumber(page)) - position);
  await page.goBack();
  await expect(jobsPage.statusChip('FAILED')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(near(allPosition)).toBeLessThanOrEqual(8);
  await page.goForward();
  await expect(jobsPage.statusChip('FAILED')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(near(failedPosition)).toBeLessThanOrEqual(8 * 3); // every third job

  // Choosing "All" again is a new view: it starts at the top, not at either old position.
  await jobsPage.filterByStatus('FAILED');
  await expect.poll(() => topRowNumber(page)).toBe(149);
});
