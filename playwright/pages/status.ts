import type { Locator } from '@playwright/test';
import { STATUS_LABELS, type JobStatus } from '../fixtures/api';

/**
 * The status badge inside `scope`: the smallest element whose whole text is
 * the status label, any case, give or take an icon or punctuation around it
 * (so a job *name* containing the word does not match). The `<option>`s of the
 * status select carry the same words and are excluded.
 */
export function statusBadgeIn(scope: Locator, status: JobStatus): Locator {
  const label = STATUS_LABELS[status];
  return scope
    .getByText(new RegExp(`^[^a-z]*${label}[^a-z]*$`, 'i'))
    .and(scope.page().locator(':not(option):not(select):not(optgroup)'));
}
