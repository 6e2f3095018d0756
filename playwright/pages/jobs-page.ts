import { expect, type Locator, type Page } from '@playwright/test';
import { STATUS_LABELS, type JobStatus } from '../fixtures/api';
import { statusBadgeIn, statusButtonName, statusMenuButtonIn } from './status';

/** Labels of the "Sort by" options, as the UI contract spells them. */
export type SortLabel = 'Newest' | 'Oldest' | 'Name A–Z' | 'Name Z–A' | 'Recently updated';

/**
 * The dashboard's list page (`/`): create form, toolbar (status chips, search,
 * sort) and the virtualized table of jobs (header row with sort buttons).
 */
export class JobsPage {
  readonly jobNameInput: Locator;
  readonly createButton: Locator;
  readonly jobsList: Locator;
  readonly rows: Locator;
  readonly searchBox: Locator;
  readonly sortSelect: Locator;
  readonly selectedSort: Locator;
  readonly confirmDialog: Locator;
  readonly alerts: Locator;
  /** The open status menu (only one is open at a time). */
  readonly statusMenu: Locator;

  constructor(readonly page: Page) {
    this.jobNameInput = page.getByRole('textbox', { name: 'Job name', exact: true });
    this.createButton = page.getByRole('button', { name: 'Create job', exact: true });
    this.jobsList = page.getByRole('table', { name: 'Jobs', exact: true });
    // Job rows (and the loader row), not the header row.
    this.rows = this.jobsList.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
    this.searchBox = page.getByRole('searchbox', { name: 'Search jobs', exact: true });
    this.sortSelect = page.getByRole('combobox', { name: 'Sort by', exact: true });
    this.selectedSort = this.sortSelect.locator('option:checked');
    this.confirmDialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    this.alerts = page.getByRole('alert');
    this.statusMenu = page.getByRole('menu');
  }

  /** Opens the list, optionally with filters already in the query string. */
  async goto(query: Record<string, string> = {}): Promise<void> {
    const search = new URLSearchParams(query).toString();
    await this.page.goto(search ? `/?${search}` : '/');
    await expect(this.jobNameInput).toBeVisible();
  }

  /** The row showing the job named `name` (matched by its link, exactly). */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The link to the job's page inside its row. */
  jobLink(name: string): Locator {
    return this.row(name).getByRole('link', { name, exact: true });
  }

  /** The job's id, read from its row's link (`/jobs/<id>`). */
  async jobId(name: string): Promise<number> {
    const href = await this.jobLink(name).getAttribute('href');
    const match = /\/jobs\/(\d+)$/.exec(href ?? '');
    if (!match?.[1]) throw new Error(`no /jobs/<id> link for ${name} (href: ${href})`);
    return Number(match[1]);
  }

  /** The job's status badge, a menu button that opens the statuses. */
  statusButton(name: string): Locator {
    return statusMenuButtonIn(this.row(name), name);
  }

  /** Waits until the job's status button says the job is in `status`. */
  async expectStatus(name: string, status: JobStatus): Promise<void> {
    await expect(this.statusButton(name)).toHaveAccessibleName(statusButtonName(name, status));
  }

  /** The badge in the job's row showing `status`. */
  statusBadge(name: string, status: JobStatus): Locator {
    return statusBadgeIn(this.row(name), status);
  }

  /**
   * The job's time in the row's `column` ("Created 2 days ago", "In state for 3h"): a button
   * whose tooltip says the exact instant on hover and focus.
   */
  timeButton(name: string, column: 'Created' | 'In state'): Locator {
    return this.row(name).getByRole('button', { name: new RegExp(`^${column} `) });
  }

  /** The tooltip shown (only one at a time). */
  get tooltip(): Locator {
    return this.page.getByRole('tooltip');
  }

  /** The sort button in the column header named `label` ("Name", "Created"). */
  sortHeaderButton(label: 'Name' | 'Created'): Locator {
    return this.columnHeader(label).getByRole('button', { name: label, exact: true });
  }

  /** The table's column header named `label`. */
  columnHeader(label: string): Locator {
    return this.jobsList.getByRole('columnheader', { name: label, exact: true });
  }

  /** The toggle chip filtering on `status` (its name is the label then the count). */
  statusChip(status: JobStatus): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${STATUS_LABELS[status]}\\b`) });
  }

  /** Names of the rows currently rendered, in DOM (= display) order. */
  rowLinks(): Locator {
    return this.rows.getByRole('link');
  }

  /** Fills the create form and submits it. */
  async createJob(name: string): Promise<void> {
    await this.jobNameInput.fill(name);
    await this.createButton.click();
  }

  /**
   * Waits for the create form's validation message: an alert with text, or
   * the name field marked invalid with a description (the UI contract allows
   * either).
   */
  async expectNameValidationMessage(): Promise<void> {
    await expect(async () => {
      if (await this.alerts.filter({ hasText: /\S/ }).first().isVisible()) return;
      await expect(this.jobNameInput).toHaveAttribute('aria-invalid', 'true', { timeout: 500 });
      await expect(this.jobNameInput).toHaveAccessibleDescription(/\S/, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
  }

  /** Picks a new status in the job's row: opens its status menu, clicks the status. */
  async setStatus(name: string, status: JobStatus): Promise<void> {
    await this.openStatusMenu(name);
    await this.chooseStatus(status);
  }

  /** Opens the status menu of the job's row. */
  async openStatusMenu(name: string): Promise<void> {
    await this.statusButton(name).click();
    await expect(this.statusMenu).toBeVisible();
  }

  /** Picks a status in the open status menu. */
  async chooseStatus(status: JobStatus): Promise<void> {
    await this.statusMenu.getByRole('menuitemradio', { name: STATUS_LABELS[status], exact: true }).click();
    await expect(this.statusMenu).toBeHidden();
  }

  /** Deletes the job through its row's button and the confirmation dialog. */
  async deleteJob(name: string): Promise<void> {
    await this.openDeleteDialog(name);
    await this.confirmDelete();
  }

  /** Opens the "Delete this job?" dialog of the job's row. */
  async openDeleteDialog(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Delete ${name}`, exact: true })
      .click();
    await expect(this.confirmDialog).toBeVisible();
  }

  /** Confirms the open delete dialog. */
  async confirmDelete(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(this.confirmDialog).toBeHidden();
  }

  /** Toggles the status chip for `status` and waits until it reports the new state. */
  async filterByStatus(status: JobStatus): Promise<void> {
    const chip = this.statusChip(status);
    const wasPressed = (await chip.getAttribute('aria-pressed')) === 'true';
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', wasPressed ? 'false' : 'true');
  }

  /** Types into the search box (the app debounces and writes `search=` to the URL). */
  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  /** Chooses an ordering in the "Sort by" select. */
  async sortBy(label: SortLabel): Promise<void> {
    await this.sortSelect.selectOption({ label });
  }

  /**
   * Scrolls the virtualized list down, a viewport at a time, until `target`
   * is rendered and visible (the app loads further pages on the way).
   */
  async scrollToEnd(target: Locator, timeoutMs = 90_000): Promise<void> {
    await expect(this.rows.first()).toBeVisible();
    await expect(async () => {
      // The table scrolls with the page (react-window's scrollElement="window").
      await this.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect(target).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: timeoutMs, intervals: [250, 500] });
  }
}
