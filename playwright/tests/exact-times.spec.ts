import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** `iso` as the app writes an exact instant (browser locale and time zone). */
function exactIn(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (instant) =>
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(instant)),
    iso,
  );
}

/** axe's violations of any impact, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

// Issue 18: "Created" and "In state for" show their exact times on hover *and* keyboard focus
// (a title attribute alone never shows for the keyboard).
test.describe('exact times', () => {
  test('focus and hover on a row time show its exact instant, as its accessible description', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const created = await api.createJob(makeName());
    const job = await api.setStatus(created.id, 'RUNNING');
    await jobsPage.goto({ search: job.name });
    const createdExact = `Created ${await exactIn(page, job.created_at)}`;
    const sinceExact = `In this state since ${await exactIn(page, job.status_changed_at ?? '')}`;
    const createdTime = jobsPage.timeButton(job.name, 'Created');
    const stateTime = jobsPage.timeButton(job.name, 'In state');

    // Keyboard: from the status button, Tab reaches each time and its tooltip opens (once the
    // tooltip's lazily loaded chunk has made the times focusable buttons).
    await expect(stateTime).toBeVisible();
    await jobsPage.statusButton(job.name).focus();
    await page.keyboard.press('Tab');
    await expect(createdTime).toBeFocused();
    await expect(jobsPage.tooltip).toHaveText(createdExact);
    await expect(createdTime).toHaveAccessibleDescription(createdExact);
    await page.keyboard.press('Tab');
    await expect(stateTime).toBeFocused();
    await expect(jobsPage.tooltip).toHaveText(sinceExact);
    await expect(stateTime).toHaveAccessibleDescription(sinceExact);
    await page.keyboard.press('Escape');
    await expect(jobsPage.tooltip).toHaveCount(0);

    // Pointer: resting on the time opens the same tooltip.
    await page.keyboard.press('Shift+Tab');
    await jobsPage.jobLink(job.name).hover();
    await createdTime.hover();
    await expect(jobsPage.tooltip).toHaveText(createdExact);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`an open time tooltip has no axe violations (${colorScheme} scheme)`, async ({
      page,
      jobsPage,
      api,
      makeName,
    }) => {
      await page.emulateMedia({ colorScheme });
      const job = await api.createJob(makeName());
      await jobsPage.goto({ search: job.name });
      // The tooltip is a lazily loaded chunk: until it lands the time is not focusable.
      await expect(jobsPage.timeButton(job.name, 'Created')).toBeVisible();
      await jobsPage.timeButton(job.name, 'Created').focus();
      await expect(jobsPage.tooltip).toBeAttached();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
