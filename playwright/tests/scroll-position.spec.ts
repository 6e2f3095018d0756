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

/**
 * Scrolls with the mouse wheel until the top row's number is at most `target`. The mouse rests
 * at a fixed point over the rows: hovering a row locator would first scroll that row into view.
 */
async function scrollDownTo(page: Page, target: number): Promise<void> {
  await page.mouse.move(640, 600);
  await expect(async () => {
    await page.mouse.wheel(0, 600);
    expect(await topRowNumber(page)).toBeLessThanOrEqual(target);
  }).toPass({ timeout: 60_000 });
  await scrollSettled(page);
}

/**
 * Resolves once the window's scroll offset has not moved for 10 animation frames: a wheel
 * scroll is animated and goes on after `mouse.wheel` returns (up to a wheel step, ~10 rows).
 */
async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = window.scrollY;
        let stillFrames = 0;
        const tick = () => {
          stillFrames = window.scrollY === last ? stillFrames + 1 : 0;
          last = window.scrollY;
          if (stillFrames >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * Toggles a status chip with a click at the chip's place on screen (the toolbar sticks at the
 * top): `locator.click()` scrolls its target into view first, which moved the list under test.
 */
async function toggleChipInPlace(page: Page, jobsPage: JobsPage, status: 'FAILED'): Promise<void> {
  const chip = jobsPage.statusChip(status);
  const pressed = await chip.getAttribute('aria-pressed');
  const box = await chip.boundingBox();
  if (!box) throw new Error('the status chip has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(chip).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true');
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
  await scrollDownTo(page, 60);
  const allPosition = await topRowNumber(page);

  // A new filter opens at its first row.
  await toggleChipInPlace(page, jobsPage, 'FAILED');
  await expect(jobsPage.rowLinks().first()).toHaveText(`${prefix}-147`);
  await expect.poll(() => topRowNumber(page)).toBe(147);
  await scrollDownTo(page, 90);
  const failedPosition = await topRowNumber(page);

  // Back: the unfiltered view where it was; Forward: the failed view where it was, each within
  // one row (the old list stayed at the other view's offset, 30+ rows off).
  const near = (position: number) => async () => Math.abs((await topRowNumber(page)) - position);
  await page.goBack();
  await expect(jobsPage.statusChip('FAILED')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(near(allPosition)).toBeLessThanOrEqual(1);
  await page.goForward();
  await expect(jobsPage.statusChip('FAILED')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(near(failedPosition)).toBeLessThanOrEqual(3); // one row: every third job

  // Choosing "All" again is a new view: it starts at the top, not at either old position.
  await toggleChipInPlace(page, jobsPage, 'FAILED');
  await expect.poll(() => topRowNumber(page)).toBe(149);
});
