import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** The element that has focus, described for a failure message ("BODY", "BUTTON Cancel"). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName} ${el.textContent?.trim().slice(0, 20) ?? ''}`.trim() : 'none';
  });
}

/** Fails unless focus is inside `dialog` (never on <body> or behind it). */
async function expectFocusInside(page: Page, dialog: Locator): Promise<void> {
  await expect
    .poll(async () => (await dialog.evaluate((el) => el.contains(document.activeElement))) || focused(page))
    .toBe(true);
}

test.describe('confirmation dialogs', () => {
  test('on the list: a click on the text keeps focus inside, then Escape closes it and focus returns to Delete', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    const deleteButton = jobsPage.row(job.name).getByRole('button', { name: `Delete ${job.name}`, exact: true });
    await deleteButton.click();
    const dialog = jobsPage.confirmDialog;
    await expect(dialog).toBeVisible();

    await dialog.getByText('This cannot be undone.').click();
    await expectFocusInside(page, dialog);
    await page.keyboard.press('Escape');

    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();
    expect(await api.findJob(job.id)).not.toBeNull();
  });

  test('on the list: Tab and Shift+Tab never take focus out, and a click outside neither closes it nor drops focus', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await jobsPage
      .row(job.name)
      .getByRole('button', { name: `Delete ${job.name}`, exact: true })
      .click();
    const dialog = jobsPage.confirmDialog;
    await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();

    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      await expectFocusInside(page, dialog);
    }
    await page.mouse.click(5, 5);
    await expect(dialog).toBeVisible();
    await expectFocusInside(page, dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('on the job page: a click on the text, then Escape, closes it with focus back on Delete', async ({
    page,
    jobDetailPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobDetailPage.goto(job.id);
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
    const deleteButton = page.getByRole('button', { name: `Delete ${job.name}`, exact: true });
    await deleteButton.click();
    const dialog = jobDetailPage.confirmDialog;
    await expect(dialog).toBeVisible();

    await dialog.getByRole('heading').click();
    await expectFocusInside(page, dialog);
    await page.keyboard.press('Escape');

    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();
    await expect(jobDetailPage.heading(job.name)).toBeVisible();
  });
});
