import type { Request } from '../../../shared/ipc/contract';
import type { Job, JobStatus } from '../../../shared/schema';

type GenerateRequest = Request<'jobs.generate'>;
export type AspectRatio = NonNullable<GenerateRequest['aspect_ratio']>;
export type ImageSize = NonNullable<GenerateRequest['image_size']>;

// Listed here rather than imported from the contract so the renderer bundle stays free of zod;
// the `Record` types make the compiler flag any ratio or size the contract adds or drops.
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

const TERMINAL: readonly JobStatus[] = ['approved', 'needs_review', 'failed', 'cancelled'];

export function isFinished(status: JobStatus): boolean {
  return TERMINAL.includes(status);
}

/** Badge tone of a status: good/bad for outcomes, warn for "a person should look", neutral while working. */
export function statusTone(status: JobStatus): 'good' | 'warn' | 'bad' | 'busy' | 'neutral' {
  if (status === 'approved') return 'good';
  if (status === 'needs_review' || status === 'paused_offline') return 'warn';
  if (status === 'failed') return 'bad';
  if (status === 'cancelled') return 'neutral';
  return 'busy';
}

export interface JobSummary {
  prompt: string;
  latestScore: number | null;
  selectedAssetId: string | null;
  aspectRatio: string | null;
}

/** What the list and live header need from `Job.state` (free-form JSON on the wire, read defensively). */
export function jobSummary(job: Job): JobSummary {
  const s = job.state;
  const params = (s['params'] ?? {}) as Record<string, unknown>;
  return {
    prompt: typeof s['prompt'] === 'string' ? s['prompt'] : '',
    latestScore: typeof s['latest_score'] === 'number' ? s['latest_score'] : null,
    selectedAssetId: typeof s['selected_asset_id'] === 'string' ? s['selected_asset_id'] : null,
    aspectRatio: typeof params['aspect_ratio'] === 'string' ? params['aspect_ratio'] : null,
  };
}

/** Replace a job in a newest-first list, or add it on top. */
export function upsertJob(jobs: readonly Job[], job: Job): Job[] {
  const i = jobs.findIndex((j) => j.job_id === job.job_id);
  if (i < 0) return [job, ...jobs];
  const next = [...jobs];
  next[i] = job;
  return next;
}
