import { expect, test } from '../fixtures';

// Issue 11, conflict-safe writes: the page sends the version the user saw (If-Match); a change
// made through the API in the meantime makes the write a 412, shown instead of overwriting.
test.describe('a job changed by someone else', () => {
  test('a status chosen in a menu opened before the change is not applied', async ({ jobsPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });

    await jobsPage.openStatusMenu(job.name);
    await api.setStatus(job.id, 'FAILED'); // someone else, while the menu is open
    await jobsPage.chooseStatus('RUNNING');

    await expect(jobsPage.alerts.filter({ hasText: 'Changed by someone else: now Failed' })).toHaveCount(1);
    await expect(jobsPage.statusBadge(job.name, 'FAILED')).toBeVisible();
    expect((await api.findJob(job.id))?.current_status).toBe('FAILED');
  });

  test('a delete confirmed after the change leaves the job', async ({ jobsPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });

    await jobsPage.openDeleteDialog(job.name);
    await api.setStatus(job.id, 'CANCELLED');
    await jobsPage.confirmDelete();

    await expect(jobsPage.alerts.filter({ hasText: 'Changed by someone else: now Cancelled' })).toHaveCount(1);
    await expect(jobsPage.statusBadge(job.name, 'CANCELLED')).toBeVisible();
    expect(await api.findJob(job.id)).not.toBeNull();
  });

  test('a status change without a change in between still works', async ({ jobsPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });

    await jobsPage.setStatus(job.name, 'RUNNING');

    await expect(jobsPage.statusBadge(job.name, 'RUNNING')).toBeVisible();
    await expect.poll(async () => (await api.findJob(job.id))?.current_status).toBe('RUNNING');
    await expect(jobsPage.alerts).toHaveCount(0);
  });
});
