import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** Records every PATCH the page sends to /api/jobs/<id>/. */
function recordPatches(page: Page): string[] {
  const patches: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && new URL(request.url()).pathname.startsWith('/api/jobs/')) {
      patches.push(request.url());
    }
  });
  return patches;
}

/**
 * The keys a reader presses on a focused status control to look around or
 * scroll (issue 19.2: each of them used to send a PATCH through the row's
 * `<select>`), then Escape to leave whatever they opened.
 */
async function pressNavigationKeys(page: Page, control: Locator): Promise<void> {
  await control.focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'PageDown', 'ArrowDown']) {
    await page.keyboard.press(key);
  }
  await page.keyboard.press('Escape');
}

test.describe('status menu', () => {
  // The status control is found by its label ("Status of <name>"), which the
  // old per-row select and the menu button share, so these fail on the select.
  test('arrow keys and PageDown on a row never change its status', async ({ page, jobsPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    const patches = recordPatches(page);

    await pressNavigationKeys(page, jobsPage.row(job.name).getByLabel(`Status of ${job.name}`));

    await expect(jobsPage.statusBadge(job.name, 'PENDING')).toBeVisible();
    expect(patches, 'no PATCH for arrow keys').toEqual([]);
    expect((await api.findJob(job.id))?.current_status).toBe('PENDING');
  });

  test('arrow keys on the job page never change the status', async ({ page, jobDetailPage, api, makeName }) => {
    const job = await api.createJob(makeName());
    await jobDetailPage.goto(job.id);
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    const patches = recordPatches(page);

    await pressNavigationKeys(page, jobDetailPage.main.getByLabel(`Status of ${job.name}`));

    await expect(jobDetailPage.historyEntries).toHaveCount(1);
    expect(patches, 'no PATCH for arrow keys').toEqual([]);
    expect((await api.findJob(job.id))?.current_status).toBe('PENDING');
  });

  test('the badge is a menu button: Enter opens, arrows move, Enter picks once, Escape cancels', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    const patches = recordPatches(page);
    const button = jobsPage.statusButton(job.name);
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    // Escape closes without a change and gives focus back to the badge.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Pending' })).toBeFocused();
    const items = jobsPage.statusMenu.getByRole('menuitemradio');
    await expect(items).toHaveText(
      ['Pending', 'Running', 'Completed', 'Failed', 'Cancelled'].map((s) => new RegExp(s)),
    );
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Pending' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await expect(jobsPage.statusMenu).toBeHidden();
    await expect(button).toBeFocused();
    expect(patches).toEqual([]);

    // Space opens too; two steps down and Enter pick Completed, with one PATCH.
    await page.keyboard.press('Space');
    await expect(jobsPage.statusMenu).toBeVisible();
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Pending' })).toBeFocused();
    // One key at a time: Radix moves focus between items a tick after the key.
    await page.keyboard.press('ArrowDown');
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Running' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Completed' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.statusMenu).toBeHidden();
    await jobsPage.expectStatus(job.name, 'COMPLETED');
    await expect(jobsPage.statusButton(job.name)).toBeFocused();
    await expect.poll(async () => (await api.findJob(job.id))?.current_status).toBe('COMPLETED');
    expect(patches).toHaveLength(1);
  });
});
