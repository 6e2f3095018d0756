import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

/**
 * Config for `ops/scripts/screenshot.sh`: one "test" that photographs the
 * dashboard for the README. Same Chromium settings as the E2E suite.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'dashboard.screenshot.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '../test-results/screenshot',
  use: {
    baseURL: process.env['E2E_BASE_URL'] ?? 'http://127.0.0.1:14173',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
    launchOptions: chromiumLaunchOptions(),
  },
});
