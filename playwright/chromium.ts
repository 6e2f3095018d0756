import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Chromium flags for containers and CI machines: no sandbox (we often run as
 * root), no GPU, and none of the background traffic a fresh profile starts.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The Chromium binary to drive. `PLAYWRIGHT_CHROMIUM_EXECUTABLE` wins, then
 * Debian's `/usr/bin/chromium`; `undefined` lets Playwright look for its own
 * download (never installed here, so that only helps on a developer machine).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['PLAYWRIGHT_CHROMIUM_EXECUTABLE'];
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

/** Launch options shared by the test config and the screenshot config. */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumExecutable();
  return executablePath === undefined ? { args: [...chromiumArgs] } : { executablePath, args: [...chromiumArgs] };
}
