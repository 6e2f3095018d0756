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

    await expect(jobDetailPage.historyBadge(0, 'COMPLETED')).toBeVisible();
    await expect(jobDetailPage.historyBadge(1, 'RUNNING')).toBeVisible();
    await expect(jobDetailPage.historyBadge(2, 'PENDING')).toBeVisible();

    // The server agrees, and a reload shows the same history.
    expect((await api.findJob(job.id))?.current_status).toBe('COMPLETED');
    await page.reload();
    await expect(jobDetailPage.historyEntries).toHaveCount(3);
    await expect(jobDetailPage.historyBadge(0, 'COMPLETED')).toBeVisible();
    await jobDetailPage.expectStatus(job.name, 'COMPLETED');
  });

  test('a direct load of /jobs/<id> shows the job', async ({ jobDetailPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await api.setStatus(job.id, 'FAILED');

    await jobDetailPage.goto(job.id);

    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    await jobDetailPage.expectStatus(job.name, 'FAILED');
    await expect(jobDetailPage.historyEntries).toHaveCount(2);
  });

  test('deleting from the job page returns to the list with its filters, without the job', async ({
    page,
    jobsPage,
    jobDetailPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await jobsPage.jobLink(job.name).click();
    await expect(jobDetailPage.heading(job.name)).toBeVisible();

    await jobDetailPage.deleteJob(job.name);

    await expect(page).toHaveURL((url) => url.pathname === '/' && url.searchParams.get('search') === job.name);
    await expect(jobsPage.searchBox).toHaveValue(job.name);
    await expect(jobsPage.row(job.name)).toHaveCount(0);
    expect(await api.findJob(job.id)).toBeNull();
  });

  test('deleting a directly loaded job page returns to the list', async ({
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
    await expect(jobsPage.jobNameInput).toBeVisible();
    expect(await api.findJob(job.id)).toBeNull();
  });

  for (const id of ['2000000000', 'not-a-number']) {
    test(`an unknown id (${id}) shows a not-found page with a way back`, async ({ page, jobDetailPage, jobsPage }) => {
      await jobDetailPage.goto(id);

      await expect(jobDetailPage.notFoundHeading).toBeVisible();
      const back = page.getByRole('main').getByRole('link', { name: /jobs/i });
      await back.click();
      await expect(page).toHaveURL((url) => url.pathname === '/');
      await expect(jobsPage.jobNameInput).toBeVisible();
    });
  }
});
