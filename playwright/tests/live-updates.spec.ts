import { expect, test } from '../fixtures';
import { JobsPage } from '../pages/jobs-page';
import { statusButtonName } from '../pages/status';

/** The header's live-updates indicator (`role="status"`). */
const liveIndicator = (jobs: JobsPage) => jobs.page.getByRole('status').filter({ hasText: 'Live' });

test.describe('live updates between two browsers', () => {
  test('a status change and a delete in one show in the other within 2 s, without a reload', async ({
    browser,
    jobsPage,
    api,
    makeName,
  }) => {
    const label = makeName();
    const [job, other] = await api.createJobs([`${label}-changed`, `${label}-deleted`]);
    // A second user: its own browser context (cookies, cache, event stream).
    const { baseURL } = test.info().project.use;
    const context = await browser.newContext(baseURL ? { baseURL } : {});
    try {
      const watcher = new JobsPage(await context.newPage());
      await Promise.all([jobsPage.goto({ search: label }), watcher.goto({ search: label })]);
      await expect(watcher.rows).toHaveCount(2);
      await expect(liveIndicator(watcher)).toHaveText('Live');
      await watcher.page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      await jobsPage.setStatus(job.name, 'RUNNING');
      await expect(watcher.statusButton(job.name)).toHaveAccessibleName(statusButtonName(job.name, 'RUNNING'), {
        timeout: 2_000,
      });

      await jobsPage.deleteJob(other.name);
      await expect(watcher.row(other.name)).toHaveCount(0, { timeout: 2_000 });

      const notReloaded = await watcher.page.evaluate(
        () => (window as unknown as { notReloaded?: boolean }).notReloaded,
      );
      expect(notReloaded).toBe(true);
    } finally {
      await context.close();
    }
  });
});
