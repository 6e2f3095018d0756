import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PlaywrightTestConfig } from '@playwright/test';

type WebServers = NonNullable<PlaywrightTestConfig['webServer']>;

/** Where and what the native stack serves; `STACK_*` variables override it. */
export interface StackDefaults {
  /** Directory under `.run/` for the private build of the web app. */
  name: string;
  /** Database, dropped and recreated on every start. */
  db: string;
  apiPort: number;
  webPort: number;
  /** The events service (uvicorn); default `apiPort + 8`, inside a block of ten ports. */
  eventsPort?: number;
  /** Jobs seeded after migrating (0: none). */
  seedCount: number;
}

const repo = path.resolve(__dirname, '..');

function env(name: string, fallback: string | number): string {
  return process.env[name] || String(fallback);
}

/**
 * The real stack for a native run, started and stopped by Playwright: a fresh
 * PostgreSQL database and gunicorn (`ops/scripts/stack-api.sh`), the bulk actions' worker
 * on it (`manage.py db_worker`), the events service (uvicorn on `config.asgi`), then the
 * built web app behind `vite preview` with `/api` proxied to gunicorn and the event stream
 * to uvicorn.
 *
 * ⚠️ A URL that already answers makes Playwright refuse to start (no
 * `reuseExistingServer`): a second run fails politely before it touches the
 * first run's database. `STACK_SKIP_BUILD=1` reuses the last build.
 */
export function nativeStack(defaults: StackDefaults): { baseURL: string; webServer: WebServers } {
  const name = env('STACK_NAME', defaults.name);
  const apiPort = env('STACK_API_PORT', defaults.apiPort);
  const webPort = env('STACK_WEB_PORT', defaults.webPort);
  const eventsPort = env('STACK_EVENTS_PORT', defaults.eventsPort ?? Number(apiPort) + 8);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const eventsUrl = `http://127.0.0.1:${eventsPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  // A private build: other work in this tree may rebuild apps/web/dist at any
  // moment, which would pull files from under the running preview server.
  const dist = path.join(repo, '.run', name, 'web-dist');
  const reuse = process.env['STACK_SKIP_BUILD'] === '1' && existsSync(path.join(dist, 'index.html'));
  const build = reuse ? '' : `npm run build -- --outDir '${dist}' --emptyOutDir >/dev/null && `;
  const stop = { signal: 'SIGTERM', timeout: 15_000 } as const;
  const db = env('STACK_DB', defaults.db);
  // The settings stack-api.sh gives gunicorn.
  const djangoEnv = {
    DATABASE_URL: `postgres://${env('PGUSER', 'postgres')}@${env('PGHOST', '127.0.0.1')}:${env('PGPORT', 5432)}/${db}`,
    DJANGO_SECRET_KEY: 'native-stack-throwaway-not-secret',
    DJANGO_DEBUG: 'false',
    LOG_LEVEL: 'INFO',
  };
  return {
    baseURL: webUrl,
    webServer: [
      {
        name: 'api',
        command: 'bash ops/scripts/stack-api.sh',
        cwd: repo,
        env: {
          STACK_DB: db,
          STACK_API_PORT: apiPort,
          STACK_SEED_COUNT: env('STACK_SEED_COUNT', defaults.seedCount),
        },
        url: `${apiUrl}/api/health/`,
        timeout: 180_000,
        gracefulShutdown: stop,
      },
      {
        // The same settings as stack-api.sh gives gunicorn; started once the API answers, so
        // on the migrated database.
        name: 'worker',
        command: 'exec .venv/bin/python manage.py db_worker --no-reload --no-startup-delay --interval 0.2',
        cwd: path.join(repo, 'services/api'),
        // Several batches for the suite's 4,000-job bulk action, so its progress has steps.
        env: { ...djangoEnv, BULK_BATCH_SIZE: '500' },
        wait: { stdout: /Starting worker/ },
        timeout: 60_000,
        gracefulShutdown: stop,
      },
      {
        // The live-update stream, on the same database.
        name: 'events',
        command: `exec .venv/bin/uvicorn config.asgi:application --host 127.0.0.1 --port ${eventsPort} --lifespan off --no-access-log --timeout-graceful-shutdown 2`,
        cwd: path.join(repo, 'services/api'),
        env: { ...djangoEnv, LOG_LEVEL: 'WARNING' },
        url: `${eventsUrl}/api/health/`,
        timeout: 60_000,
        gracefulShutdown: stop,
      },
      {
        name: 'web',
        command: `${build}exec node_modules/.bin/vite preview --outDir '${dist}' --host 127.0.0.1 --port ${webPort} --strictPort`,
        cwd: path.join(repo, 'apps/web'),
        env: { API_PROXY_TARGET: apiUrl, EVENTS_PROXY_TARGET: eventsUrl },
        url: `${webUrl}/api/health/`,
        timeout: 300_000,
        gracefulShutdown: stop,
      },
    ],
  };
}
