import { expect, type Locator, type Page } from '@playwright/test';
import { STATUS_LABELS, type JobStatus } from '../fixtures/api';
import { statusBadgeIn, statusButtonName, statusMenuButtonIn } from './status';

/** A job's own page (`/jobs/:id`): heading, status control, history, delete. */
export class JobDetailPage {
  readonly main: Locator;
  readonly history: Locator;
  readonly historyEntries: Locator;
  readonly confirmDialog: Locator;
  readonly notFoundHeading: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.history = page.getByRole('list', { name: 'Status history', exact: true });
    this.historyEntries = this.history.getByRole('listitem');
    this.confirmDialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    this.notFoundHeading = page.getByRole('heading', { name: /not found/i });
  }

  /** Loads `/jobs/<id>` directly (a deep link, as a pasted URL would). */
  async goto(id: number | string): Promise<void> {
    await this.page.goto(`/jobs/${id}`);
  }

  /** The page's `h1`, which is the job's name. */
  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The job's status badge, a menu button that opens the statuses. */
  statusButton(name: string): Locator {
    return statusMenuButtonIn(this.main, name);
  }

  /** Waits until the status button says the job is in `status`. */
  async expectStatus(name: string, status: JobStatus): Promise<void> {
    await expect(this.statusButton(name)).toHaveAccessibleName(statusButtonName(name, status));
  }

  /** The status badge in the page's header area (outside the history list). */
  statusBadge(status: JobStatus): Locator {
    return statusBadgeIn(this.main, status).and(this.page.locator(':not([role="listitem"] *):not(li *)'));
  }

  /** The history entry at `index` (0 = newest). */
  historyEntry(index: number): Locator {
    return this.historyEntries.nth(index);
  }

  /** The status badge of the history entry at `index` (0 = newest). */
  historyBadge(index: number, status: JobStatus): Locator {
    return statusBadgeIn(this.historyEntry(index), status);
  }

  /** Picks a new status in the status menu and waits until the badge shows it. */
  async setStatus(name: string, status: JobStatus): Promise<void> {
    await this.statusButton(name).click();
    await this.page.getByRole('menuitemradio', { name: STATUS_LABELS[status], exact: true }).click();
    await this.expectStatus(name, status);
  }

  /** Deletes the job through its button and the confirmation dialog. */
  async deleteJob(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole('button', { name: 'Delete', exact: true }).click();
  }
}
