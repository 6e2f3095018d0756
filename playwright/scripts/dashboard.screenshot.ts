import { dirname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { JobsPage } from '../pages/jobs-page';

/** Where the 1280x800 picture goes; screenshot.sh passes the repository's docs/img path. */
const outputPath = resolve(process.env['SCREENSHOT_PATH'] ?? 'dashboard.png');

/** The README's pictures: desktop, tablet and phone (dashboard.png, dashboard-768.png, dashboard-390.png). */
const SIZES = [
  { width: 1280, height: 800, file: outputPath },
  { width: 768, height: 1024, file: join(dirname(outputPath), 'dashboard-768.png') },
  { width: 390, height: 844, file: join(dirname(outputPath), 'dashboard-390.png') },
];

for (const size of SIZES) {
  test(`dashboard screenshot ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const jobsPage = new JobsPage(page);
    await jobsPage.goto();

    // Wait for real content: rows, and chip counts from /api/jobs/stats/.
    await expect(jobsPage.rows.nth(5)).toBeVisible();
    await expect(jobsPage.statusChip('RUNNING')).toHaveAccessibleName(/\d/);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    // The status menus are a lazily loaded chunk: wait until the badges are buttons.
    await expect(jobsPage.rows.first().getByRole('button', { name: /^Status of / })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

    await page.screenshot({ path: size.file, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${size.file}`);
  });
}
