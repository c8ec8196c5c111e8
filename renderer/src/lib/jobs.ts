import type { JobView } from '../../../shared/schema';
import { isTerminalStatus, type AspectRatio, type ImageSize, type JobStatus } from '../../../shared/vocab/jobs';

export type { AspectRatio, ImageSize };

// `Record`s over the shared vocabularies: the compiler flags any ratio, size or status added or dropped.
const ASPECT_RATIO_LABELS: Record<AspectRatio, string> = {
  '1:1': '1:1 square',
  '4:5': '4:5 portrait',
  '3:4': '3:4 portrait',
  '2:3': '2:3 portrait',
  '9:16': '9:16 story',
  '5:4': '5:4 landscape',
  '4:3': '4:3 landscape',
  '3:2': '3:2 landscape',
  '16:9': '16:9 wide',
  '21:9': '21:9 banner',
};
const IMAGE_SIZE_LABELS: Record<ImageSize, string> = { '1K': '1K', '2K': '2K', '4K': '4K' };
export const ASPECT_RATIO_OPTIONS = Object.entries(ASPECT_RATIO_LABELS) as [AspectRatio, string][];
export const IMAGE_SIZE_OPTIONS = Object.entries(IMAGE_SIZE_LABELS) as [ImageSize, string][];

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  pending: 'Queued',
  generating: 'Generating',
  auditing: 'Auditing',
  correcting: 'Correcting',
  paused_offline: 'Paused — offline',
  approved: 'Approved',
  needs_review: 'Needs review',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Nothing runs for a finished job until someone acts. */
export const isFinished = isTerminalStatus;

/** Badge tone of a status: good/bad for outcomes, warn for "a person should look", neutral while working. */
export function statusTone(status: JobStatus): 'good' | 'warn' | 'bad' | 'busy' | 'neutral' {
  if (status === 'approved') return 'good';
  if (status === 'needs_review' || status === 'paused_offline') return 'warn';
  if (status === 'failed') return 'bad';
  if (status === 'cancelled') return 'neutral';
  return 'busy';
}

/** Replace a job in a newest-first list, or add it on top. */
export function upsertJob(jobs: readonly JobView[], job: JobView): JobView[] {
  const i = jobs.findIndex((j) => j.job_id === job.job_id);
  if (i < 0) return [job, ...jobs];
  const next = [...jobs];
  next[i] = job;
  return next;
}
