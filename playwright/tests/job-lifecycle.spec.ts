import { expect, test } from '../fixtures';

test.describe('job lifecycle on the list page', () => {
  test('a created job appears as Pending, keeps RUNNING after a reload, and is gone after delete', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const name = makeName();
    await jobsPage.goto();

    await jobsPage.createJob(name);
    await expect(jobsPage.row(name)).toBeVisible();
    await expect(jobsPage.statusBadge(name, 'PENDING')).toBeVisible();
    await jobsPage.expectStatus(name, 'PENDING');
    // The form is cleared and ready for the next job.
    await expect(jobsPage.jobNameInput).toHaveValue('');
    const id = await jobsPage.jobId(name);
    api.adopt(id);
    expect((await api.findJob(id))?.current_status).toBe('PENDING');

    await jobsPage.setStatus(name, 'RUNNING');
    await expect(jobsPage.statusBadge(name, 'RUNNING')).toBeVisible();
    await expect.poll(async () => (await api.findJob(id))?.current_status).toBe('RUNNING');

    // Reload, narrowed to this job: other tests keep adding jobs in parallel,
    // which could push it out of the rendered rows of the unfiltered list.
    await jobsPage.goto({ search: name });
    await page.reload();
    await expect(jobsPage.statusBadge(name, 'RUNNING')).toBeVisible();
    await jobsPage.expectStatus(name, 'RUNNING');

    await jobsPage.deleteJob(name);
    await expect(jobsPage.row(name)).toHaveCount(0);

    await page.reload();
    await expect(jobsPage.jobNameInput).toBeVisible();
    await expect(jobsPage.row(name)).toHaveCount(0);
    expect(await api.findJob(id)).toBeNull();
  });

  test('a name of 200 emoji is counted as the API counts it, created, and shown', async ({ jobsPage, api }) => {
    // 200 code points (400 UTF-16 code units), random so that runs never collide.
    const name = Array.from({ length: 200 }, () =>
      String.fromCodePoint(0x1f600 + Math.floor(Math.random() * 0x50)),
    ).join('');
    await jobsPage.goto();

    await jobsPage.jobNameInput.fill(name);
    await expect(jobsPage.page.getByText('200/200', { exact: true })).toBeVisible();
    await jobsPage.createButton.click();

    await expect(jobsPage.jobLink(name)).toBeVisible();
    await expect(jobsPage.statusBadge(name, 'PENDING')).toBeVisible();
    const id = await jobsPage.jobId(name);
    api.adopt(id);
    expect((await api.findJob(id))?.name).toBe(name);
  });

  test('cancelling the delete dialog keeps the job', async ({ jobsPage, api, makeName }) => {
    const name = makeName();
    const job = await api.createJob(name);
    await jobsPage.goto({ search: name });

    await jobsPage
      .row(name)
      .getByRole('button', { name: `Delete ${name}`, exact: true })
      .click();
    await expect(jobsPage.confirmDialog).toBeVisible();
    await jobsPage.confirmDialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(jobsPage.confirmDialog).toBeHidden();

    await expect(jobsPage.row(name)).toBeVisible();
    expect(await api.findJob(job.id)).not.toBeNull();
  });

  for (const [label, input] of [
    ['empty', ''],
    ['whitespace-only', '    '],
  ] as const) {
    test(`a name that is ${label} shows a validation message and creates nothing`, async ({ page, jobsPage }) => {
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/jobs')) {
          posts.push(request.url());
        }
      });
      await jobsPage.goto();

      await jobsPage.createJob(input);

      await jobsPage.expectNameValidationMessage();
      expect(posts, 'no POST /api/jobs/ for an invalid name').toEqual([]);
    });
  }
});
