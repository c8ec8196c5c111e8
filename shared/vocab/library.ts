// Plain library vocabulary (no zod), shared by the renderer, the CLI and the contract.

/**
 * What was decided about an asset, as the library shows it: approved by its
 * audit, approved by a reviewer although the audit had not (override), waiting
 * for a reviewer, failed its audit and superseded (an attempt a job corrected),
 * rejected by a reviewer, or not audited yet. Stale is a separate flag.
 */
export const LIBRARY_STATUSES = ['approved', 'override', 'needs_review', 'failed', 'rejected', 'not_audited'] as const;
export type LibraryStatus = (typeof LIBRARY_STATUSES)[number];

export const LIBRARY_STATUS_LABELS: Record<LibraryStatus, string> = {
  approved: 'Approved',
  override: 'Approved by override',
  needs_review: 'Needs review',
  failed: 'Failed audit',
  rejected: 'Rejected',
  not_audited: 'Not audited',
};

export const LIBRARY_SORTS = ['newest', 'oldest', 'score_desc', 'score_asc', 'cost_desc'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const LIBRARY_SORT_LABELS: Record<LibrarySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  score_desc: 'Highest score',
  score_asc: 'Lowest score',
  cost_desc: 'Most expensive',
};

export const ASSET_ORIGINS = ['generated', 'imported'] as const;
export type AssetOrigin = (typeof ASSET_ORIGINS)[number];

/** The most rows one library query returns (the grid pages through the rest). */
export const LIBRARY_PAGE_MAX = 500;

/** Thumbnail edge in pixels (the grid shows them at up to 180 CSS px, 2× for HiDPI). */
export const THUMBNAIL_SIZE = 320;
