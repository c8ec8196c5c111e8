import { WORKING_JOB_STATUSES, isTerminalStatus, type JobStatus } from '../../../shared/vocab/jobs';

/**
 * The generation job's state machine, enforced by `saveJob` on every write
 * (steps.ts). Every arrow is one persisted step;
 * `paused_offline` can interrupt any working status and returns to it, and a
 * review re-opens a finished job (tweak → correcting, regenerate → pending).
 */
export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  pending: ['generating', 'paused_offline', 'failed', 'cancelled'],
  generating: ['auditing', 'paused_offline', 'failed', 'cancelled'],
  auditing: ['approved', 'correcting', 'needs_review', 'paused_offline', 'failed', 'cancelled'],
  correcting: ['generating', 'paused_offline', 'failed', 'cancelled'],
  paused_offline: ['pending', 'generating', 'auditing', 'correcting', 'cancelled'],
  approved: ['correcting', 'pending', 'needs_review', 'cancelled'],
  needs_review: ['approved', 'correcting', 'pending', 'cancelled'],
  failed: ['pending'],
  cancelled: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export const isTerminal = isTerminalStatus;

/** Statuses the runner executes a step for. */
export const WORKING_STATUSES = WORKING_JOB_STATUSES;

/**
 * Progress 0..100 from where the job is: each attempt is a slice of the bar,
 * split into generate / audit / correct phases. Terminal statuses are 100.
 */
export function progressOf(status: JobStatus, attemptCount: number, maxAttempts: number): number {
  if (isTerminal(status)) return 100;
  const slices = Math.max(1, maxAttempts);
  const done = Math.min(Math.max(0, attemptCount), slices);
  const phase: Record<string, number> = { pending: 0, generating: 0.05, auditing: 0.6, correcting: 0.95, paused_offline: 0.05 };
  // Generating counts toward the attempt it is producing (attempt_count is incremented when the image lands).
  const base = status === 'generating' || status === 'pending' || status === 'paused_offline' ? done : Math.max(0, done - 1);
  const value = ((base + (phase[status] ?? 0)) / slices) * 100;
  return Math.max(0, Math.min(99, Math.round(value)));
}
