import { expect, test } from '../fixtures';

test.describe('a job deleted elsewhere', () => {
  test('changing its status removes its row for good and says so once', async ({ page, jobsPage, api, makeName }) => {
    const label = makeName();
    const [kept, gone] = await api.createJobs([`${label}-kept`, `${label}-gone`]);
    await jobsPage.goto({ search: label });
    await expect(jobsPage.rows).toHaveCount(2);

    // Live updates would take the row away at once: pause them as a hidden page does (its
    // stream is closed), so that the status change meets the deleted job, as it does
    // whenever the stream is down or the delete races the click.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(page.getByRole('status').filter({ hasText: 'Paused' })).toBeVisible();

    // Someone else deletes it between the list load and the status change.
    await api.deleteJob(gone.id);
    const stats = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/jobs/stats/');
    await jobsPage.setStatus(gone.name, 'RUNNING');

    const notice = jobsPage.alerts.filter({ hasText: 'This job was deleted' });
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText(gone.name);
    await expect(jobsPage.row(gone.name)).toHaveCount(0);
    // The counts are read again after the failure; the row does not come back.
    await stats;
    await expect(jobsPage.rows).toHaveCount(1);
    await expect(jobsPage.row(kept.name)).toBeVisible();
    await expect(jobsPage.row(gone.name)).toHaveCount(0);
    await expect(jobsPage.alerts).toHaveCount(1);
  });
});
