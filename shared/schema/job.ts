import { z } from 'zod';
import { IsoTimestamp } from './normalize';

export const JOB_STATUSES = [
  'pending',
  'generating',
  'auditing',
  'correcting',
  'paused_offline',
  'approved',
  'needs_review',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['approved', 'needs_review', 'failed', 'cancelled'];

export const JobError = z.object({ code: z.string(), message: z.string() });

export const Job = z.object({
  job_id: z.string().min(1),
  brand_id: z.string().min(1),
  kind: z.literal('generate').default('generate'),
  status: z.enum(JOB_STATUSES),
  progress: z.number().min(0).max(100).default(0),
  attempt_count: z.number().int().min(0).default(0),
  state: z.record(z.string(), z.unknown()).default({}),
  error: JobError.nullable().default(null),
  idempotency_key: z.string().max(64).nullable().default(null),
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
export type Job = z.infer<typeof Job>;
