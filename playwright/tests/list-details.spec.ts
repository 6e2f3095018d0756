import { allowApiRequests, expect, refuseApiRequests, test } from '../fixtures';

// Issue 19.5: smaller defects found driving the dashboard over a million jobs.
test.describe('list details', () => {
  test('a 2-character search shows a hint, sends nothing, and shows no load error', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const prefix = makeName();
    await api.createJobs([`${prefix}-alpha`, `${prefix}-beta`]);
    const searches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/jobs/' && url.searchParams.has('search'))
        searches.push(url.searchParams.get('search') ?? '');
    });
    await jobsPage.goto();
    await expect(jobsPage.rows.first()).toBeVisible();

    await jobsPage.search('ab');
    await expect(page.getByText('Type at least 3 characters to search.')).toBeVisible();
    await expect(jobsPage.searchBox).toHaveAccessibleDescription('Type at least 3 characters to search.');
    await expect(jobsPage.rows.first()).toBeVisible();
    expect(searches.filter((term) => term.length < 3)).toEqual([]);
    await expect(page.getByRole('alert')).toHaveCount(0);

    await jobsPage.search(prefix);
    await expect(page.getByText('Type at least 3 characters to search.')).toBeHidden();
    await expect(jobsPage.rows).toHaveCount(2);
  });

  test('each page has its own tab title, and the job page focuses its heading', async ({
    page,
    jobsPage,
    jobDetailPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await expect(page).toHaveTitle('Jobs · Job dashboard');

    await jobsPage.jobLink(job.name).click();
    await expect(jobDetailPage.heading(job.name)).toBeFocused();
    await expect(page).toHaveTitle(`${job.name} · Job dashboard`);

    await jobDetailPage.goto(2_000_000_000);
    await expect(jobDetailPage.notFoundHeading).toBeVisible();
    await expect(page).toHaveTitle('Not found · Job dashboard');
  });

  test('the load-more Retry button is a button, not a bar across the list, and a retry that works clears the error', async ({
    page,
    jobsPage,
    api,
    makeName,
    baseURL,
  }) => {
    test.slow(); // 60 jobs through the API
    const prefix = makeName();
    await api.createJobs(Array.from({ length: 60 }, (_, i) => `${prefix}-${i}`));
    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows.first()).toBeVisible();
    // From now on the next page fails for real: the API stack refuses the request (431).
    await refuseApiRequests(page.context(), baseURL ?? page.url());
    const retry = jobsPage.jobsList.getByRole('button', { name: 'Retry', exact: true });
    await jobsPage.scrollToEnd(retry);
    const failure = jobsPage.jobsList.getByRole('alert').filter({ hasText: 'Could not load more jobs.' });
    await expect(failure).toBeVisible();
    const box = await retry.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(0);
    expect(box?.width ?? 0).toBeLessThan(200);

    // The cause removed, Retry loads the page and the error goes.
    await allowApiRequests(page.context());
    await retry.click();
    await jobsPage.scrollToEnd(jobsPage.jobLink(`${prefix}-0`));
    await expect(failure).toHaveCount(0);
    await expect(retry).toHaveCount(0);
  });

  test('a failed status change says so, and the notice clears once a retry succeeds', async ({
    page,
    jobsPage,
    api,
    makeName,
    baseURL,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await expect(jobsPage.statusButton(job.name)).toBeVisible();
    // A real failure: the API stack refuses the PATCH (431), nothing mocked.
    await refuseApiRequests(page.context(), baseURL ?? page.url());
    const refused = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await jobsPage.setStatus(job.name, 'RUNNING');
    expect((await refused).status()).toBe(431);
    const notice = page
      .getByRole('alert')
      .filter({ hasText: `Could not change the status of "${job.name}" to Running` });
    await expect(notice).toBeVisible();
    await jobsPage.expectStatus(job.name, 'PENDING');

    // The cause removed, the same change again: it succeeds and the old failure's notice goes.
    await allowApiRequests(page.context());
    await jobsPage.setStatus(job.name, 'RUNNING');
    await jobsPage.expectStatus(job.name, 'RUNNING');
    await expect.poll(async () => (await api.findJob(job.id))?.current_status).toBe('RUNNING');
    await expect(notice).toHaveCount(0);
  });

  test('screen readers hear a row position out of all matching jobs, not of the loaded rows', async ({
    jobsPage,
    api,
    makeName,
  }) => {
    test.slow(); // 60 jobs through the API
    const prefix = makeName();
    await api.createJobs(Array.from({ length: 60 }, (_, i) => `${prefix}-${i}`));
    await jobsPage.goto();
    await expect(jobsPage.rows.first()).toBeVisible();
    // One page (50 rows) is loaded; the table still counts every job (the exact counts) plus its
    // header row, where it used to announce "1 of 51".
    await expect
      .poll(async () => Number(await jobsPage.jobsList.getAttribute('aria-rowcount')))
      .toBeGreaterThanOrEqual(61);
    await expect(jobsPage.rows.first()).toHaveAttribute('aria-rowindex', '2');
  });

  test('"Show N new jobs" while scrolled deep brings the new jobs into view', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    test.slow(); // 60 jobs through the API, and one head refresh (every 15 s)
    const prefix = makeName();
    await api.createJobs(Array.from({ length: 60 }, (_, i) => `${prefix}-${i}`));
    await page.setViewportSize({ width: 1280, height: 800 });
    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows.first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);

    const fresh = await api.createJob(`${prefix}-fresh`);
    const show = page.getByRole('button', { name: 'Show 1 new job', exact: true });
    await expect(show).toBeInViewport({ timeout: 40_000 });
    await show.click();
    await expect(jobsPage.jobLink(fresh.name)).toBeInViewport();
    await expect(show).toBeHidden();
  });
});
