import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { nativeStack } from '../native-stack';

/**
 * Config for `make screenshot`: one "test" that photographs the dashboard for
 * the README, on a native stack of its own (database `jobs_shot` with
 * `SHOT_COUNT` jobs, 5,000 by default). Same Chromium settings as the E2E suite.
 */
const stack = nativeStack({
  name: 'shot',
  // Overridable, so that parallel checkouts on one machine do not collide.
  db: process.env['SHOT_DB'] ?? 'jobs_shot',
  apiPort: Number(process.env['SHOT_API_PORT'] ?? 18001),
  webPort: Number(process.env['SHOT_WEB_PORT'] ?? 14174),
  seedCount: Number(process.env['SHOT_COUNT'] ?? 5000),
});

export default defineConfig({
  webServer: stack.webServer,
  testDir: '.',
  testMatch: 'dashboard.screenshot.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '../test-results/screenshot',
  use: {
    baseURL: stack.baseURL,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
    launchOptions: chromiumLaunchOptions(),
  },
});
