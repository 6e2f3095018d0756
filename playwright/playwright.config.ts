import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { nativeStack } from './native-stack';

/**
 * One config for both ways of running the suite:
 * - natively (`make check`, `bash ops/scripts/check-e2e.sh`), Playwright starts
 *   the real stack itself (`webServer`, see native-stack.ts) on a fresh
 *   database `jobs_e2e`, gunicorn on 127.0.0.1:18000 and the built app on
 *   127.0.0.1:14173, and stops it at the end (Ctrl-C included);
 * - against a running stack when `E2E_BASE_URL` is set: the e2e image sets it
 *   to the web service (and `PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium`).
 */
const external = process.env['E2E_BASE_URL'];
const stack = external
  ? undefined
  : nativeStack({ name: 'e2e', db: 'jobs_e2e', apiPort: 18000, webPort: 14173, seedCount: 0 });
const baseURL = external ?? stack?.baseURL;
const isCI = Boolean(process.env['CI']);

export default defineConfig({
  testDir: 'tests',
  ...(stack ? { webServer: stack.webServer } : {}),
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
