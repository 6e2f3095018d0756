// Lint for the E2E suite: typed TypeScript rules (a forgotten `await` on an
// action or assertion is the classic E2E bug) plus the Playwright plugin
// (no waitForTimeout, no force clicks, web-first assertions).
import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'playwright-report/',
      'test-results/',
      'measure/',
      'eslint.config.mjs',
      'fixtures/schema.gen.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Playwright's fixture signature wants an object pattern even when empty.
      'no-empty-pattern': 'off',
    },
  },
  {
    ...playwright.configs['flat/recommended'],
    files: ['tests/**/*.ts', 'pages/**/*.ts', 'fixtures/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-wait-for-selector': 'error',
      'playwright/no-force-option': 'error',
      'playwright/no-element-handle': 'error',
      'playwright/no-page-pause': 'error',
      'playwright/prefer-web-first-assertions': 'error',
      'playwright/no-raw-locators': 'off',
      // E2E tests never mock the network: a failure comes from the real stack
      // (fixtures/refused-requests.ts).
      'no-restricted-properties': [
        'error',
        ...['route', 'routeFromHAR', 'routeWebSocket'].map((property) => ({
          property,
          message: 'E2E tests never mock the network; make the real stack fail (fixtures/refused-requests.ts).',
        })),
      ],
      // Page objects hold the assertions that tests rely on.
      'playwright/expect-expect': ['error', { assertFunctionNames: ['expect*', 'jobsPage.expect*'] }],
    },
  },
);
