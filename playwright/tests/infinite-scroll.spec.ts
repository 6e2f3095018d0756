import { expect, test } from '../fixtures';

const SEEDED_JOBS = 300;

test.describe('infinite scroll over the virtualized list', () => {
  test('scrolling through 300 jobs loads pages by cursor and keeps the DOM small', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    test.slow(); // seeding 300 jobs through the API takes a while on 2 cores

    const prefix = makeName('scroll');
    const names = Array.from({ length: SEEDED_JOBS }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
    await api.createJobs(names);

    // Newest first: the job created first is the last row. Ask the API which
    // one that is rather than trusting the creation order of parallel POSTs.
    const lastJob = await api.firstJob({ search: prefix, ordering: 'created_at' });

    const cursorRequests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/jobs/' && url.searchParams.has('cursor')) {
        cursorRequests.push(request.url());
      }
    });

    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows.first()).toBeVisible();

    await jobsPage.scrollToEnd(jobsPage.row(lastJob.name));

    expect(cursorRequests.length, 'cursor requests while scrolling').toBeGreaterThanOrEqual(3);
    for (const url of cursorRequests) {
      expect(new URL(url).searchParams.get('search')).toBe(prefix);
    }
    // Only the rows near the viewport are in the DOM.
    expect(await page.getByRole('row').count()).toBeLessThan(100);
    expect(await jobsPage.rows.count()).toBeGreaterThan(0);
  });
});
