import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures';

/**
 * Runs axe on the page and returns every violation, whatever its impact
 * (minor and moderate included), one line each; the full result is attached
 * to the report.
 */
async function violations(page: Page, testInfo: TestInfo): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  await testInfo.attach('axe-results.json', {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  return results.violations.map(
    (violation) =>
      `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} (${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')})`,
  );
}

test.describe('accessibility (axe-core, every impact)', () => {
  test('the list page has no violations', async ({ page, jobsPage, api, makeName }, testInfo) => {
    const [, second] = await api.createJobs([makeName('a'), makeName('b')]);
    await api.setStatus(second.id, 'RUNNING');

    await jobsPage.goto();
    await expect(jobsPage.rows.first()).toBeVisible();

    expect(await violations(page, testInfo)).toEqual([]);
  });

  test('the list page with its delete dialog open has no violations', async ({
    page,
    jobsPage,
    api,
    makeName,
  }, testInfo) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await jobsPage
      .row(job.name)
      .getByRole('button', { name: `Delete ${job.name}`, exact: true })
      .click();
    await expect(jobsPage.confirmDialog).toBeVisible();

    expect(await violations(page, testInfo)).toEqual([]);
  });

  test('the job page has no violations', async ({ page, jobDetailPage, api, makeName }, testInfo) => {
    const job = await api.createJob(makeName());
    await api.setStatus(job.id, 'RUNNING');

    await jobDetailPage.goto(job.id);
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    await expect(jobDetailPage.historyEntries).toHaveCount(2);

    expect(await violations(page, testInfo)).toEqual([]);
  });

  test('the job page with its delete dialog open has no violations', async ({
    page,
    jobDetailPage,
    api,
    makeName,
  }, testInfo) => {
    const job = await api.createJob(makeName());
    await jobDetailPage.goto(job.id);
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    await page.getByRole('button', { name: `Delete ${job.name}`, exact: true }).click();
    await expect(jobDetailPage.confirmDialog).toBeVisible();

    expect(await violations(page, testInfo)).toEqual([]);
  });

  test('the dark colour scheme has no violations on the list, its status menu, and the job page', async ({
    page,
    jobsPage,
    jobDetailPage,
    api,
    makeName,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const prefix = makeName();
    const first = await api.createJob(`${prefix}-a`);
    const others = await api.createJobs(['b', 'c', 'd', 'e'].map((label) => `${prefix}-${label}`));
    const statuses = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
    await Promise.all(others.map((job, i) => api.setStatus(job.id, statuses[i] ?? 'RUNNING')));

    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows).toHaveCount(5);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await violations(page, testInfo)).toEqual([]);

    await jobsPage.statusButton(first.name).click();
    await expect(jobsPage.statusMenu).toBeVisible();
    expect(await violations(page, testInfo)).toEqual([]);
    await page.keyboard.press('Escape');

    await jobDetailPage.goto(first.id);
    await expect(jobDetailPage.heading(first.name)).toBeVisible();
    expect(await violations(page, testInfo)).toEqual([]);
  });
});
