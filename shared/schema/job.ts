import { z } from 'zod';
import { ASPECT_RATIOS, ATTEMPT_KINDS, IMAGE_SIZES, JOB_STATUSES, REVIEW_ACTIONS, TERMINAL_JOB_STATUSES, type JobStatus } from '../vocab/jobs';
import { TemplateReference } from './library';
import { IsoTimestamp } from './normalize';

export { JOB_STATUSES, TERMINAL_JOB_STATUSES, type JobStatus };

export const JobError = z.object({ code: z.string(), message: z.string() });

/** A job row. `state` is the job kind's own JSON (a generation job's is `GenerationState`). */
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

/** One image the job produced, in order; every attempt is also an Asset (parent_asset_id chain). */
export const AttemptRecord = z.object({
  /** 1-based within its round (what `attempt_count` counts). */
  attempt: z.number().int().min(1),
  /** 1 + number of "regenerate" review actions before it. */
  round: z.number().int().min(1),
  asset_id: z.string().min(1),
  kind: z.enum(ATTEMPT_KINDS),
  instruction: z.string().nullable().default(null),
  /** Completed turns of the edit session once this image existed (to edit this exact image later). */
  session_turn: z.number().int().min(0).default(0),
  overall_score: z.number().nullable().default(null),
  approved: z.boolean().nullable().default(null),
  open_critical: z.boolean().nullable().default(null),
  audit_id: z.string().nullable().default(null),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;

export const GenerationParams = z.object({
  aspect_ratio: z.enum(ASPECT_RATIOS).default('1:1'),
  image_size: z.enum(IMAGE_SIZES).default('1K'),
});
export type GenerationParams = z.infer<typeof GenerationParams>;

/** What the next `generating` step does: a fresh generation, or an edit of the current image. */
export const NextImage = z.object({
  mode: z.enum(['generate', 'edit']),
  kind: z.enum(ATTEMPT_KINDS),
  instruction: z.string().nullable().default(null),
  /** Edit this attempt's image (its asset id); null = the latest one. */
  base_asset_id: z.string().nullable().default(null),
});
export type NextImage = z.infer<typeof NextImage>;

/** A reviewer's decision, as recorded in the job's history. */
export const ReviewRecord = z.object({
  action: z.enum(REVIEW_ACTIONS),
  at: z.string(),
  asset_id: z.string().nullable().default(null),
  /** An approval of an image the audit did not approve. */
  override: z.boolean().default(false),
  instruction: z.string().nullable().default(null),
  violation_id: z.string().nullable().default(null),
  overall_score: z.number().nullable().default(null),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

const RESUMABLE = ['pending', 'generating', 'auditing', 'correcting'] as const satisfies readonly JobStatus[];

/** `Job.state` of a generation job. Plain JSON, validated on every read. */
export const GenerationState = z.object({
  version: z.literal(1).default(1),
  prompt: z.string().min(1),
  params: GenerationParams.default({ aspect_ratio: '1:1', image_size: '1K' }),
  brand_version: z.number().int().min(1),
  round: z.number().int().min(1).default(1),
  next: NextImage.default({ mode: 'generate', kind: 'generate', instruction: null, base_asset_id: null }),
  /** After a tweak the job stops after one audit instead of correcting itself. */
  auto_correct: z.boolean().default(true),
  /** The image model's chat (gemini/session.ts: text and thought signatures, images as stored-file references), null before the first image. Never sent over IPC. */
  session: z.unknown().nullable().default(null),
  current_asset_id: z.string().nullable().default(null),
  /** The image the job hands over: the approved one, or the best one when it needs review. */
  selected_asset_id: z.string().nullable().default(null),
  attempts: z.array(AttemptRecord).default([]),
  latest_score: z.number().nullable().default(null),
  /** Where a paused-offline job continues. */
  resume_status: z.enum(RESUMABLE).nullable().default(null),
  reviews: z.array(ReviewRecord).default([]),
  cost: z.object({ tokens: z.number().min(0), usd: z.number().min(0) }).default({ tokens: 0, usd: 0 }),
  /** Step-level retries after a long rate limit, reset when a step succeeds. */
  rate_limit_retries: z.number().int().min(0).default(0),
  /** Generated from a template: its style references go with every fresh generation. */
  template: z.object({ template_id: z.string(), references: z.array(TemplateReference) }).nullable().default(null),
});
export type GenerationState = z.infer<typeof GenerationState>;
export type GenerationStateInput = z.input<typeof GenerationState>;

/** A generation job as the app and the CLI see it: its state typed, without the model session. */
export const JobView = Job.extend({ state: GenerationState.omit({ session: true }) });
export type JobView = z.infer<typeof JobView>;
