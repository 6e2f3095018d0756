/** Jobs requested per list page (the API accepts 1–200). */
export const JOBS_PAGE_SIZE = 50;

/** Status history entries requested per page. */
export const HISTORY_PAGE_SIZE = 50;

/**
 * Height of one job row on wide screens, in pixels: the one source of the row height. `main.tsx`
 * publishes it to CSS as `--job-row-height`; phone rows grow from it to fit a wrapped name.
 */
export const JOB_ROW_HEIGHT_PX = 56;

/** Rows rendered beyond the viewport on each side of the virtualized list. */
export const LIST_OVERSCAN_ROWS = 5;

/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
export const LOAD_MORE_THRESHOLD_ROWS = 10;

/** How often the head query (first page + counts) refreshes while the tab is visible, in ms. */
export const HEAD_REFRESH_INTERVAL_MS = 15_000;

/** Shortest search term the API accepts, in characters after trimming (docs/api.md). */
export const SEARCH_MIN_LENGTH = 3;

/** Delay between the last keystroke in the search box and the URL update, in ms. */
export const SEARCH_DEBOUNCE_MS = 300;

/** Longest job name the API accepts, in Unicode code points (see `features/jobs/job-name.ts`). */
export const JOB_NAME_MAX_LENGTH = 200;

/**
 * While the live-updates stream is open, the head query and the counts refresh only this often,
 * in ms: events keep them current, and this catches a stream that died without an error.
 */
export const LIVE_HEAD_REFRESH_INTERVAL_MS = 120_000;

/** Failed connection attempts in a row after which the stream gives way to polling. */
export const STREAM_MAX_ERRORS = 3;

/** Delays before reopening the stream after falling back to polling, in ms (the last repeats). */
export const STREAM_REOPEN_DELAYS_MS: readonly number[] = [15_000, 30_000, 60_000, 120_000];

/** Counts are refetched at most this often for events about jobs no cache knew, in ms. */
export const LIVE_STATS_REFETCH_THROTTLE_MS = 2_000;

/**
 * Phone width, where a job row is a card and its actions sit in one "Actions for …" menu. The
 * same breakpoint as the `@media (width <= 40rem)` rules of the list's CSS modules.
 */
export const PHONE_MEDIA_QUERY = "(width <= 40rem)";

/** Most job ids one bulk request may name (`POST /api/jobs/bulk/`, docs/api.md). */
export const BULK_IDS_MAX = 1000;

/** How often a running filter-wide bulk action's progress is read, in ms. */
export const BULK_PROGRESS_POLL_MS = 500;
