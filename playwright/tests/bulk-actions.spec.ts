import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type JobStats } from '../fixtures';
import { BulkBar } from '../pages/bulk-bar';
import type { JobsPage } from '../pages/jobs-page';

/** Every axe violation on the page, one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help}`);
}

/** The count each status chip shows, as the API spells the statuses, and the "All" chip's. */
async function shownCounts(jobsPage: JobsPage): Promise<JobStats> {
  const count = async (chip: ReturnType<JobsPage['statusChip']>) =>
    Number((await chip.locator('span').innerText()).replace(/\D/g, ''));
  const allChip = jobsPage.page.getByRole('button', { name: /^All\b/ });
  return {
    total: await count(allChip),
    by_status: {
      PENDING: await count(jobsPage.statusChip('PENDING')),
      RUNNING: await count(jobsPage.statusChip('RUNNING')),
      COMPLETED: await count(jobsPage.statusChip('COMPLETED')),
      FAILED: await count(jobsPage.statusChip('FAILED')),
      CANCELLED: await count(jobsPage.statusChip('CANCELLED')),
    },
  };
}

test.describe('bulk actions', () => {
  test('an id-list delete of a few selected rows (Shift-click range), axe clean in both schemes', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const bulk = new BulkBar(page);
    const prefix = makeName();
    // Newest first: e, d, c, b, a.
    const [a, b, c, d, e] = await api.createJobs(
      [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`, `${prefix}-d`, `${prefix}-e`] as const,
      1,
    );
    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows).toHaveCount(5);

    await bulk.tick(d.name);
    await bulk.tick(b.name, true);
    await expect(bulk.summary).toHaveText('3 selected');
    for (const job of [d, c, b]) await expect(bulk.rowBox(job.name)).toBeChecked();
    await expect(bulk.rowBox(e.name)).not.toBeChecked();

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await violations(page), 'toolbar, light').toEqual([]);
    await expect((await bulk.askDelete()).getByRole('heading')).toHaveText('Delete 3 jobs?');
    expect(await violations(page), 'dialog, light').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(bulk.confirmDialog).toBeHidden();

    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await violations(page), 'toolbar, dark').toEqual([]);
    await bulk.askDelete();
    expect(await violations(page), 'dialog, dark').toEqual([]);
    await bulk.confirm('Delete');

    await expect(jobsPage.rows).toHaveCount(2);
    await expect(jobsPage.row(a.name)).toBeVisible();
    await expect(jobsPage.row(e.name)).toBeVisible();
    await expect(bulk.toolbar).toBeHidden();
    for (const job of [d, c, b]) expect(await api.findJob(job.id), job.name).toBeNull();
    for (const job of [a, e]) expect(await api.findJob(job.id), job.name).not.toBeNull();
  });

  test('"fail all RUNNING matching simulation" over 5,000 jobs completes with progress; counts exact', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    test.setTimeout(600_000); // seeding 5,000 jobs through the API on 2 shared cores
    const bulk = new BulkBar(page);
    const tag = makeName();
    const search = `simulation ${tag}`;
    const names = Array.from({ length: 5000 }, (_, i) => `Fluid simulation ${tag} ${String(i).padStart(4, '0')}`);
    const simulations = await api.createJobs(names, 16);
    const others = await api.createJobs(['a', 'b', 'c'].map((label) => `ML training ${tag} ${label}`));
    const running = simulations.slice(0, 4000);
    await api.bulkByIds(
      [...running, ...others].map((job) => job.id),
      'RUNNING',
    );

    await jobsPage.goto({ status: 'RUNNING', search });
    await expect(jobsPage.rows.first()).toBeVisible();
    await bulk.selectAllLoaded.check();
    await bulk.selectAllMatching().click();
    await expect(bulk.summary).toHaveText(`All Running jobs whose name contains "${search}" selected`);
    const dialog = await bulk.askSetStatus('FAILED');
    await expect(dialog.getByRole('heading')).toHaveText(
      `Set all Running jobs whose name contains "${search}" to Failed?`,
    );
    await bulk.confirm('Set status');

    await expect(bulk.progress).toBeVisible();
    await expect(bulk.toolbar.getByText('Done: Set 4,000 jobs to Failed.')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText('No jobs match these filters')).toBeVisible();

    // Against the API: every matching job moved, nothing else did.
    expect(await api.allJobs({ status: ['RUNNING'], search })).toEqual([]);
    expect(await api.allJobs({ status: ['FAILED'], search })).toHaveLength(4000);
    expect(await api.allJobs({ status: ['PENDING'], search })).toHaveLength(1000);
    for (const job of others) expect((await api.findJob(job.id))?.current_status).toBe('RUNNING');
    // The chips show the API's exact counts (others may write meanwhile: read both until equal).
    await expect(async () => {
      expect(await shownCounts(jobsPage)).toEqual(await api.stats());
    }).toPass({ timeout: 60_000 });
  });
});
