import { expect, test } from '../fixtures';

test.describe('keyboard', () => {
  test('rows are reachable, and status change and delete work from the keyboard', async ({
    page,
    jobsPage,
    api,
    makeName,
  }) => {
    const job = await api.createJob(makeName());
    await jobsPage.goto({ search: job.name });
    await expect(jobsPage.rows).toHaveCount(1);
    // The status menu is a lazily loaded chunk: until it lands the badge is not focusable.
    await expect(jobsPage.statusButton(job.name)).toBeVisible();
    // So are the times' tooltips: until they land the times are not focusable either.
    await expect(jobsPage.timeButton(job.name, 'In state')).toBeVisible();

    // From the toolbar's last control, Tab moves through the column headers' "select all
    // loaded" box and two sort buttons into the list's first row: its box (Space ticks it and
    // the bulk toolbar appears; again, and it goes), then its link.
    await jobsPage.sortSelect.focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Select all loaded jobs', exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(jobsPage.sortHeaderButton('Name')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(jobsPage.sortHeaderButton('Created')).toBeFocused();
    await page.keyboard.press('Tab');
    const rowBox = page.getByRole('checkbox', { name: `Select ${job.name}`, exact: true });
    await expect(rowBox).toBeFocused();
    const bulkToolbar = page.getByRole('region', { name: 'Bulk actions', exact: true });
    await page.keyboard.press('Space');
    await expect(rowBox).toBeChecked();
    await expect(bulkToolbar.getByRole('status')).toHaveText('1 selected');
    await page.keyboard.press('Space');
    await expect(bulkToolbar).toBeHidden();
    await page.keyboard.press('Tab');
    await expect(jobsPage.jobLink(job.name)).toBeFocused();

    // On to the status badge (a menu button); Enter opens the menu, Arrow
    // Down moves to the next status (Running), Enter picks it.
    await page.keyboard.press('Tab');
    await expect(jobsPage.statusButton(job.name)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Pending' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(jobsPage.statusMenu.getByRole('menuitemradio', { name: 'Running' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.statusMenu).toBeHidden();
    await expect(jobsPage.statusBadge(job.name, 'RUNNING')).toBeVisible();
    await expect(jobsPage.statusButton(job.name)).toBeFocused();
    await expect.poll(async () => (await api.findJob(job.id))?.current_status).toBe('RUNNING');

    // On through the two times (each shows its exact instant while focused) to the delete
    // button, which opens the dialog with focus inside; Escape cancels and gives focus back.
    await page.keyboard.press('Tab');
    await expect(jobsPage.timeButton(job.name, 'Created')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(jobsPage.timeButton(job.name, 'In state')).toBeFocused();
    const deleteButton = jobsPage.row(job.name).getByRole('button', { name: `Delete ${job.name}`, exact: true });
    await page.keyboard.press('Tab');
    await expect(deleteButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.confirmDialog).toBeVisible();
    await expect(jobsPage.confirmDialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(jobsPage.confirmDialog).toBeHidden();
    await expect(deleteButton).toBeFocused();

    // Confirm with the keyboard this time.
    await page.keyboard.press('Enter');
    const confirm = jobsPage.confirmDialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(jobsPage.confirmDialog).toBeVisible();
    // Focus starts on Cancel and is trapped in the two-button dialog, so one
    // Tab reaches Delete whichever order they are in.
    await page.keyboard.press('Tab');
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(jobsPage.row(job.name)).toHaveCount(0);
    await expect.poll(async () => api.findJob(job.id)).toBeNull();
  });
});
