// Plain job vocabulary: no zod, so the renderer can import it cheaply. The zod
// schemas in shared/schema/job.ts and the IPC contract are built from these lists.

export const JOB_STATUSES = ['pending', 'generating', 'auditing', 'correcting', 'paused_offline', 'approved', 'needs_review', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job rests in until someone acts (nothing runs). */
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['approved', 'needs_review', 'failed', 'cancelled'];
/** Statuses the job runner executes a step for. */
export const WORKING_JOB_STATUSES: readonly JobStatus[] = ['pending', 'generating', 'auditing', 'correcting'];

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

/** What a reviewer can decide about a finished job. */
export const REVIEW_ACTIONS = ['approve', 'tweak', 'regenerate', 'reject', 'dismiss', 'restore'] as const;
export type ReviewActionName = (typeof REVIEW_ACTIONS)[number];

/** How an attempt's image was made: a fresh generation, an automatic correction, or a reviewer's tweak. */
export const ATTEMPT_KINDS = ['generate', 'correct', 'tweak'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/** Image options the image model accepts (Gemini 3 Pro Image). */
export const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export const IMAGE_SIZES = ['1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
