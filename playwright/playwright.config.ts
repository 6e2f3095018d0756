import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

/**
 * One config for both ways of running the suite:
 * - natively, `ops/scripts/check-e2e.sh` serves the built app on 127.0.0.1:14173
 *   (the default below) with `/api` proxied to gunicorn;
 * - in Docker, the e2e image sets `E2E_BASE_URL` to the web service and
 *   `PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium`.
 * The stack is started outside Playwright, so there is no `webServer` here.
 */
const baseURL = process.env['E2E_BASE_URL'] ?? 'http://127.0.0.1:14173';
const isCI = Boolean(process.env['CI']);

export default defineConfig({
  testDir: 'tests',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  // Generous limits: a passing test takes a few seconds, but CI machines with
  // two cores running the whole stack (and Docker) can be many times slower.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: process.env['PLAYWRIGHT_HTML_REPORT'] ?? 'playwright-report', open: 'never' }],
  ],
  use: {
    baseURL,
    trace: 'on-first-retry',
    video: 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
});
