import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { JobsPage } from '../pages/jobs-page';

/** Where the picture goes; screenshot.sh passes the repository's docs/img path. */
const outputPath = resolve(process.env['SCREENSHOT_PATH'] ?? 'dashboard.png');

test('dashboard screenshot', async ({ page }) => {
  const jobsPage = new JobsPage(page);
  await jobsPage.goto();

  // Wait for real content: rows, and chip counts from /api/jobs/stats/.
  await expect(jobsPage.rows.nth(5)).toBeVisible();
  await expect(jobsPage.statusChip('RUNNING')).toHaveAccessibleName(/\d/);
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  await page.screenshot({ path: outputPath, animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${outputPath}`);
});
