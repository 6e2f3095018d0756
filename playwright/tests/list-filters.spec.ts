import { expect, test } from '../fixtures';

/** The query parameter `key` of the page's current URL ('' when absent). */
function param(url: URL, key: string): string {
  return url.searchParams.get(key) ?? '';
}

test.describe('toolbar: filters, search and sort live in the URL', () => {
  test('a status chip shows only matching rows and writes status= to the URL', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const prefix = makeName();
    const [pending, running, failed] = await api.createJobs([
      `${prefix}-pending`,
      `${prefix}-running`,
      `${prefix}-failed`,
    ]);
    await api.setStatus(running.id, 'RUNNING');
    await api.setStatus(failed.id, 'FAILED');

    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows).toHaveCount(3);

    await jobsPage.filterByStatus('RUNNING');
    await expect(page).toHaveURL((url) => param(url, 'status').split(',').includes('RUNNING'));
    await expect(jobsPage.rowLinks()).toHaveText([running.name]);
    await jobsPage.expectStatus(running.name, 'RUNNING');

    // A second chip widens the filter (the statuses are OR-ed).
    await jobsPage.filterByStatus('FAILED');
    await expect(page).toHaveURL((url) => {
      const statuses = param(url, 'status').split(',');
      return statuses.includes('RUNNING') && statuses.includes('FAILED');
    });
    await expect(jobsPage.rows).toHaveCount(2);
    await expect(jobsPage.row(pending.name)).toHaveCount(0);

    // Reloading restores the same view from the URL.
    await page.reload();
    await expect(jobsPage.statusChip('RUNNING')).toHaveAttribute('aria-pressed', 'true');
    await expect(jobsPage.statusChip('FAILED')).toHaveAttribute('aria-pressed', 'true');
    await expect(jobsPage.rows).toHaveCount(2);
    await expect(jobsPage.row(running.name)).toBeVisible();
    await expect(jobsPage.row(failed.name)).toBeVisible();
  });

  test('search shows matching rows and writes search= to the URL', async ({ page, jobsPage, api, makeName }) => {
    const prefix = makeName();
    await api.createJobs([`${prefix}-alpha`, `${prefix}-beta`]);
    const other = await api.createJob(`${makeName()}-gamma`);

    await jobsPage.goto();
    await jobsPage.search(prefix);
    await expect(page).toHaveURL((url) => param(url, 'search') === prefix);
    await expect(jobsPage.rows).toHaveCount(2);
    await expect(jobsPage.row(`${prefix}-alpha`)).toBeVisible();
    await expect(jobsPage.row(`${prefix}-beta`)).toBeVisible();
    await expect(jobsPage.row(other.name)).toHaveCount(0);

    // Search is case-insensitive and narrows further as the user types.
    await jobsPage.search(`${prefix}-BETA`.toUpperCase());
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-beta`]);
  });

  test('sort by name orders the rows, and back/forward restore each view', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const prefix = makeName();
    // Created in this order, so "Newest" lists them c, a, b.
    await api.createJobs([`${prefix}-b`, `${prefix}-a`, `${prefix}-c`], 1);

    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-c`, `${prefix}-a`, `${prefix}-b`]);

    await jobsPage.sortBy('Name A–Z');
    await expect(page).toHaveURL((url) => param(url, 'ordering') === 'name');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);

    await jobsPage.sortBy('Name Z–A');
    await expect(page).toHaveURL((url) => param(url, 'ordering') === '-name');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-c`, `${prefix}-b`, `${prefix}-a`]);

    await page.goBack();
    await expect(page).toHaveURL((url) => param(url, 'ordering') === 'name');
    await expect(jobsPage.selectedSort).toHaveText('Name A–Z');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);

    await page.goBack();
    await expect(page).toHaveURL(
      (url) => param(url, 'search') === prefix && ['', '-created_at'].includes(param(url, 'ordering')),
    );
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-c`, `${prefix}-a`, `${prefix}-b`]);

    await page.goForward();
    await expect(page).toHaveURL((url) => param(url, 'ordering') === 'name');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
  });

  test('back and forward restore a status filter and a search', async ({ page, jobsPage, api, makeName }) => {
    const prefix = makeName();
    const [, second] = await api.createJobs([`${prefix}-one`, `${prefix}-two`]);
    await api.setStatus(second.id, 'COMPLETED');

    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows).toHaveCount(2);
    await jobsPage.filterByStatus('COMPLETED');
    await expect(page).toHaveURL((url) => param(url, 'status') === 'COMPLETED');
    await expect(jobsPage.rowLinks()).toHaveText([second.name]);

    await page.goBack();
    await expect(page).toHaveURL((url) => param(url, 'status') === '' && param(url, 'search') === prefix);
    await expect(jobsPage.statusChip('COMPLETED')).toHaveAttribute('aria-pressed', 'false');
    await expect(jobsPage.searchBox).toHaveValue(prefix);
    await expect(jobsPage.rows).toHaveCount(2);

    await page.goForward();
    await expect(jobsPage.statusChip('COMPLETED')).toHaveAttribute('aria-pressed', 'true');
    await expect(jobsPage.rowLinks()).toHaveText([second.name]);
  });
});
