import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { allowApiRequests, expect, refuseApiRequests, test, type JobsApi } from '../fixtures';
import { JobsPage } from '../pages/jobs-page';

/** Job rows whose box is at least `minVisiblePx` tall inside the viewport, below any sticky part. */
async function rowsOnScreen(page: Page, minVisiblePx = 40): Promise<number> {
  return page.evaluate((min) => {
    const header = document.querySelector('[role="columnheader"]')?.closest('[role="row"]');
    const headerBottom = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    const rows = Array.from(document.querySelectorAll('[role="table"] [role="row"], [role="listitem"]')).filter(
      (row) => !row.querySelector('[role="columnheader"]'),
    );
    // Clipped by the list's own box too, where the list is its own scroll container.
    const list = document.querySelector('[role="table"][aria-label="Jobs"], [role="list"][aria-label="Jobs"]');
    const clip = list?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    return rows.filter((row) => {
      const box = row.getBoundingClientRect();
      const top = Math.max(box.top, headerBottom, clip.top);
      const bottom = Math.min(box.bottom, innerHeight, clip.bottom);
      return bottom - top >= min;
    }).length;
  }, minVisiblePx);
}

declare global {
  interface Window {
    /** Layout shift without recent input since the page loaded (CLS as bench-web sums it). */
    e2eLayoutShift: number;
  }
}

/** The element's box in CSS px; fails when it has none. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${locator.toString()}`);
  return found;
}

/** Seeds `count` jobs named `<prefix>-NNN` (NNN = creation order) and opens the list on them. */
async function openSeeded(jobsPage: JobsPage, api: JobsApi, prefix: string, count: number) {
  await api.createJobs(Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`));
  await jobsPage.goto({ search: prefix });
  await expect(jobsPage.rows.first()).toBeVisible();
}

test.describe('layout', () => {
  for (const width of [320, 390, 768]) {
    test(`nothing overflows sideways at ${width} px, and a long name shows whole in its row`, async ({
      page,
      jobsPage,
      api,
      makeName,
    }) => {
      const prefix = makeName();
      const long = `${prefix}-${'Seismic inversion of the northern basin with full waveform '.repeat(2)}end`;
      await api.createJobs([`${prefix}-short`, long]);
      await page.setViewportSize({ width, height: 800 });
      await jobsPage.goto({ search: prefix });
      await expect(jobsPage.rows).toHaveCount(2);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const link = jobsPage.jobLink(long);
      const row = jobsPage.row(long);
      await expect(link).toBeVisible();
      await expect(jobsPage.statusButton(long)).toBeVisible();
      // Phones (<= 640 px) have the row's actions in one menu button; wider screens a Delete button.
      const actions = row.getByRole('button', { name: `Actions for ${long}`, exact: true });
      const deleteButton = row.getByRole('button', { name: `Delete ${long}`, exact: true });
      await expect(width <= 640 ? actions : deleteButton).toBeVisible();
      await expect(width <= 640 ? deleteButton : actions).toHaveCount(0);
      // Not cut: the link's text fits its box, the box fits its row, and rows do not overlap.
      const clipped = await link.evaluate(
        (a) => a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1,
      );
      expect(clipped, 'the whole name shows').toBe(false);
      const linkBox = await box(link);
      const rowBox = await box(row);
      const otherBox = await box(jobsPage.row(`${prefix}-short`));
      expect(linkBox.y + linkBox.height).toBeLessThanOrEqual(rowBox.y + rowBox.height + 1);
      expect(Math.max(rowBox.y, otherBox.y)).toBeGreaterThanOrEqual(
        Math.min(rowBox.y + rowBox.height, otherBox.y + otherBox.height) - 1,
      );
    });
  }

  // Issue 18: at phone width the create form stacks under the title and all of it fits.
  for (const width of [320, 390]) {
    test(`at ${width} px the create form sits under the title, whole: a usable name field and the Create job button`, async ({
      page,
      jobsPage,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await jobsPage.goto();
      const title = await box(page.getByRole('heading', { level: 1, name: 'Jobs', exact: true }));
      const field = await box(jobsPage.jobNameInput);
      const button = await box(jobsPage.createButton);
      expect(field.y, 'the form starts below the title').toBeGreaterThanOrEqual(title.y + title.height - 1);
      for (const part of [field, button]) {
        expect(part.x).toBeGreaterThanOrEqual(0);
        expect(part.x + part.width).toBeLessThanOrEqual(width);
      }
      expect(field.width, 'room to type a name').toBeGreaterThanOrEqual(150);
    });
  }

  test('at 390 px the open actions menu has no axe violations in the dark scheme', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const name = `${makeName()}-dark`;
    await api.createJobs([name]);
    await page.setViewportSize({ width: 390, height: 844 });
    await jobsPage.goto({ search: name });
    await jobsPage
      .row(name)
      .getByRole('button', { name: `Actions for ${name}`, exact: true })
      .click();
    await expect(page.getByRole('menu', { name: `Actions for ${name}` })).toBeVisible();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  });

  // Issue 18: at phone width a row's actions sit in one compact menu, not separate buttons.
  test('at 390 px a row has one "Actions for <name>" menu, usable from the keyboard, and rows keep their heights', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const prefix = makeName();
    const long = `${prefix}-${'Seismic inversion of the northern basin with full waveform '.repeat(2)}end`;
    const names = [`${prefix}-a`, long, `${prefix}-b`];
    await api.createJobs(names, 1);
    await page.setViewportSize({ width: 390, height: 844 });
    await jobsPage.goto({ search: prefix });
    await expect(jobsPage.rows).toHaveCount(3);
    const row = jobsPage.row(long);
    const actions = row.getByRole('button', { name: `Actions for ${long}`, exact: true });
    await expect(actions).toHaveAttribute('aria-haspopup', 'menu');

    // Measured heights: each row holds all of its content and the next one starts where it ends.
    const boxes = await Promise.all(names.map((name) => box(jobsPage.row(name))));
    const [newest, middle, oldest] = [boxes[2], boxes[1], boxes[0]];
    expect(middle?.height ?? 0).toBeGreaterThan(newest?.height ?? 0); // the long name wraps
    expect(Math.abs((newest?.y ?? 0) + (newest?.height ?? 0) - (middle?.y ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((middle?.y ?? 0) + (middle?.height ?? 0) - (oldest?.y ?? 0))).toBeLessThanOrEqual(1);
    expect(await row.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeLessThanOrEqual(1);

    // Keyboard: Enter opens the menu on its first item; Escape closes it back onto the button.
    await actions.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: `Actions for ${long}` });
    const deleteItem = menu.getByRole('menuitem', { name: 'Delete…', exact: true });
    await expect(deleteItem).toBeFocused();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(actions).toBeFocused();

    // Delete… opens the confirmation; cancelling gives focus back to the menu button.
    await page.keyboard.press('ArrowDown');
    await expect(deleteItem).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.confirmDialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(jobsPage.confirmDialog).toBeHidden();
    await expect(actions).toBeFocused();

    // And confirming deletes the job.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await jobsPage.confirmDialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(jobsPage.row(long)).toHaveCount(0);
    await expect(jobsPage.rows).toHaveCount(2);
  });

  // Issue 19.4: the counts, the refresh-error banner and "Show N new jobs" used to push the rows.
  test('nothing that arrives later moves the rows: first load, a refresh error, new jobs', async ({
    page,
    jobsPage,
    api,
    makeName,
    baseURL,
  }) => {
    test.slow(); // waits for head refreshes (every 15 s while polling)
    await page.addInitScript(() => {
      // A browser without EventSource: the app polls the head every 15 s (with live updates
      // open it polls every 2 min, and the refresh error would take that long to show).
      Reflect.deleteProperty(window, 'EventSource');
      window.e2eLayoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) window.e2eLayoutShift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    const prefix = makeName();
    await openSeeded(jobsPage, api, prefix, 12);
    await expect(jobsPage.statusChip('FAILED')).toHaveAccessibleName(/\d/); // the counts are in
    const firstRow = jobsPage.row(`${prefix}-011`);
    const top = (await box(firstRow)).y;

    // The head refresh fails for real (431): its banner floats over the rows.
    await refuseApiRequests(page.context(), baseURL ?? page.url());
    await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh the list' })).toBeVisible({
      timeout: 90_000,
    });
    expect((await box(firstRow)).y).toBe(top);

    // Requests go through again and a job arrives: "Show 1 new job" floats too.
    await allowApiRequests(page.context());
    await api.createJob(`${prefix}-new`);
    await expect(page.getByRole('button', { name: 'Show 1 new job', exact: true })).toBeVisible({ timeout: 90_000 });
    expect((await box(firstRow)).y).toBe(top);
    expect(await page.evaluate(() => window.e2eLayoutShift)).toBeLessThanOrEqual(0.05);
  });

  // Issue 19.1: at these sizes the list box used to be 14-24 px tall and the page did not scroll.
  for (const [width, height, zoom] of [
    [800, 400, 1],
    [844, 390, 1],
    [640, 400, 2], // 1280x800 at 200 % zoom
  ] as const) {
    test(`a short screen (${width}x${height} CSS px, zoom ${zoom}) still shows several rows`, async ({
      browser,
      api,
      makeName,
    }) => {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: zoom });
      const page = await context.newPage();
      const jobsPage = new JobsPage(page);
      await openSeeded(jobsPage, api, makeName(), 12);

      // Scroll as a reader would, with the wheel over the jobs.
      await jobsPage.rows.first().hover();
      await page.mouse.wheel(0, 400);
      await expect.poll(() => rowsOnScreen(page)).toBeGreaterThanOrEqual(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await context.close();
    });
  }

  test('at 1280x800 the jobs get most of the screen and the filters stay visible while scrolling', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    test.slow();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSeeded(jobsPage, api, makeName(), 60);
    expect(await rowsOnScreen(page)).toBeGreaterThanOrEqual(9);

    await jobsPage.rows.first().hover();
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    for (const control of [
      jobsPage.statusChip('FAILED'),
      jobsPage.searchBox,
      jobsPage.sortSelect,
      jobsPage.columnHeader('Name'),
    ]) {
      await expect(control).toBeInViewport();
    }
    expect(await rowsOnScreen(page)).toBeGreaterThanOrEqual(10);
  });
});

test.describe('column headers', () => {
  test('Name and Created sort the list through the URL ordering, with aria-sort', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const prefix = makeName();
    await api.createJobs([`${prefix}-b`, `${prefix}-a`, `${prefix}-c`], 1);
    await jobsPage.goto({ search: prefix });
    for (const label of ['Name', 'Status', 'Created', 'In state for', 'Actions']) {
      await expect(jobsPage.columnHeader(label)).toBeVisible();
    }
    await expect(jobsPage.columnHeader('Created')).toHaveAttribute('aria-sort', 'descending');
    await expect(jobsPage.columnHeader('Name')).not.toHaveAttribute('aria-sort');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-c`, `${prefix}-a`, `${prefix}-b`]);

    await jobsPage.sortHeaderButton('Name').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('ordering') === 'name');
    await expect(jobsPage.columnHeader('Name')).toHaveAttribute('aria-sort', 'ascending');
    await expect(jobsPage.columnHeader('Created')).not.toHaveAttribute('aria-sort');
    await expect(jobsPage.selectedSort).toHaveText('Name A–Z');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);

    // From the keyboard: a second press reverses the order.
    await jobsPage.sortHeaderButton('Name').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.searchParams.get('ordering') === '-name');
    await expect(jobsPage.columnHeader('Name')).toHaveAttribute('aria-sort', 'descending');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-c`, `${prefix}-b`, `${prefix}-a`]);

    await jobsPage.sortHeaderButton('Created').click();
    await expect(page).toHaveURL((url) => !url.searchParams.has('ordering'));
    await expect(jobsPage.columnHeader('Created')).toHaveAttribute('aria-sort', 'descending');
    await jobsPage.sortHeaderButton('Created').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('ordering') === 'created_at');
    await expect(jobsPage.columnHeader('Created')).toHaveAttribute('aria-sort', 'ascending');
    await expect(jobsPage.rowLinks()).toHaveText([`${prefix}-b`, `${prefix}-a`, `${prefix}-c`]);

    // The select drives the same ordering, and the headers follow it.
    await jobsPage.sortBy('Recently updated');
    await expect(jobsPage.columnHeader('Created')).not.toHaveAttribute('aria-sort');
    await expect(jobsPage.columnHeader('Name')).not.toHaveAttribute('aria-sort');
  });
});
