import { expect, test } from '../fixtures';

test.describe('job page', () => {
  test('opened from the list, two status changes show three history entries, newest first', async ({
    page,
    jobsPage,
    jobDetailPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });

    await jobsPage.jobLink(job.name).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    await expect(jobDetailPage.historyEntries).toHaveCount(1);

    await jobDetailPage.setStatus(job.name, 'RUNNING');
    await expect(jobDetailPage.historyEntries).toHaveCount(2);
    await jobDetailPage.setStatus(job.name, 'COMPLETED');
    await expect(jobDetailPage.historyEntries).toHaveCount(3);

    await expect(jobDetailPage.historyEntry(0)).toContainText(/completed/i);
    await expect(jobDetailPage.historyEntry(1)).toContainText(/running/i);
    await expect(jobDetailPage.historyEntry(2)).toContainText(/pending/i);

    // The server agrees, and a reload shows the same history.
    expect((await api.findJob(job.id))?.current_status).toBe('COMPLETED');
    await page.reload();
    await expect(jobDetailPage.historyEntries).toHaveCount(3);
    await expect(jobDetailPage.historyEntry(0)).toContainText(/completed/i);
    await expect(jobDetailPage.statusSelect(job.name)).toHaveValue('COMPLETED');
  });

  test('a direct load of /jobs/<id> shows the job', async ({ jobDetailPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await api.setStatus(job.id, 'FAILED');

    await jobDetailPage.goto(job.id);

    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    await expect(jobDetailPage.statusSelect(job.name)).toHaveValue('FAILED');
    await expect(jobDetailPage.historyEntries).toHaveCount(2);
  });

  test('deleting from the job page returns to the list without the job', async ({
    page,
    jobsPage,
    jobDetailPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobDetailPage.goto(job.id);
    await expect(jobDetailPage.heading(job.name)).toBeVisible();

    await jobDetailPage.deleteJob(job.name);

    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(jobsPage.row(job.name)).toHaveCount(0);
    expect(await api.findJob(job.id)).toBeNull();
  });

  test('an unknown id shows a not-found page', async ({ page, jobDetailPage }) => {
    await jobDetailPage.goto(2_000_000_000);

    await expect(jobDetailPage.notFoundHeading).toBeVisible();
    // The app shell is still there: a way back to the list.
    await expect(page.getByRole('link', { name: /jobs|back|dashboard/i }).first()).toBeVisible();
  });
});
