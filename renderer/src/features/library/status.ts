import type { LibraryStatus } from '../../../../shared/vocab/library';

/** Colour tone of each library status (badges, tiles, lineage). */
export const STATUS_TONE: Record<LibraryStatus, 'good' | 'warn' | 'bad' | 'idle'> = {
  approved: 'good',
  override: 'warn',
  needs_review: 'warn',
  failed: 'bad',
  rejected: 'bad',
  not_audited: 'idle',
};
