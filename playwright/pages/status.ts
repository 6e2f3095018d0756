import type { Locator } from '@playwright/test';
import { STATUS_LABELS, type JobStatus } from '../fixtures/api';

/**
 * The visible status badge inside `scope`: an element whose whole text is the
 * status label (any case), excluding the `<option>`s of the status select,
 * which carry the same words.
 */
export function statusBadgeIn(scope: Locator, status: JobStatus): Locator {
  const label = STATUS_LABELS[status];
  return scope
    .getByText(new RegExp(`^\\s*${label}\\s*$`, 'i'))
    .and(scope.page().locator(':not(option):not(select):not(optgroup)'));
}
