import { expect, type Locator, type Page } from '@playwright/test';
import { STATUS_LABELS, type JobStatus } from '../fixtures/api';

/**
 * The list's row checkboxes and the bulk actions toolbar (a region "Bulk actions" that shows
 * while rows are selected or a filter-wide action is followed), with its confirmation dialog.
 */
export class BulkBar {
  readonly toolbar: Locator;
  readonly summary: Locator;
  readonly selectAllLoaded: Locator;
  readonly progress: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('region', { name: 'Bulk actions', exact: true });
    this.summary = this.toolbar.getByRole('status').first();
    this.selectAllLoaded = page.getByRole('checkbox', { name: 'Select all loaded jobs', exact: true });
    this.progress = this.toolbar.getByRole('progressbar', { name: 'Bulk action progress', exact: true });
    this.confirmDialog = page.getByRole('alertdialog');
  }

  /** The row checkbox of the job named `name`. */
  rowBox(name: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${name}`, exact: true });
  }

  /** Ticks the job's box, holding Shift when `range` (every loaded row from the last one ticked). */
  async tick(name: string, range = false): Promise<void> {
    await this.rowBox(name).click(range ? { modifiers: ['Shift'] } : {});
  }

  /** The toolbar's "Select all N …" button (shown once every loaded row is selected). */
  selectAllMatching(): Locator {
    return this.toolbar.getByRole('button', { name: /^Select all / });
  }

  /** Opens the confirmation for setting `status` on the selection; returns the dialog. */
  async askSetStatus(status: JobStatus): Promise<Locator> {
    await this.toolbar.getByRole('combobox', { name: 'New status', exact: true }).selectOption({
      label: STATUS_LABELS[status],
    });
    await this.toolbar.getByRole('button', { name: 'Set status', exact: true }).click();
    await expect(this.confirmDialog).toBeVisible();
    return this.confirmDialog;
  }

  /** Opens the confirmation for deleting the selection; returns the dialog. */
  async askDelete(): Promise<Locator> {
    await this.toolbar.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(this.confirmDialog).toBeVisible();
    return this.confirmDialog;
  }

  /** Presses the dialog's confirming button (`Set status` or `Delete`). */
  async confirm(label: 'Set status' | 'Delete'): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: label, exact: true }).click();
    await expect(this.confirmDialog).toBeHidden();
  }
}
