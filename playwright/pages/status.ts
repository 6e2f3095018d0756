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

/** `text` with every RegExp metacharacter escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The job's status control in `scope`: its status badge as a menu button
 * named "Status of <name>: <Status>" (`aria-haspopup="menu"`).
 */
export function statusMenuButtonIn(scope: Locator, name: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`^Status of ${escapeRegExp(name)}: `) });
}

/** The accessible name the status button has while the job is in `status`. */
export function statusButtonName(name: string, status: JobStatus): string {
  return `Status of ${name}: ${STATUS_LABELS[status]}`;
}
