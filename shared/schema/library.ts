import { z } from 'zod';
import { ASSET_ORIGINS, LIBRARY_PAGE_MAX, LIBRARY_SORTS, LIBRARY_STATUSES } from '../vocab/library';
import { ASPECT_RATIOS, ATTEMPT_KINDS, IMAGE_SIZES } from '../vocab/jobs';
import { SEVERITIES } from '../vocab/audit';
import { IsoTimestamp } from './normalize';

export const LibraryStatus = z.enum(LIBRARY_STATUSES);
const LibraryId = z.string().min(1).max(200);
/** A calendar day (YYYY-MM-DD) or a full ISO timestamp. */
const DayOrTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { message: 'Use a date like 2026-03-01' });

/**
 * Which assets: the same filter drives the library grid, `mobius assets`, a
 * batch export ("all approved for Acme since v3") and a re-audit of a selection.
 */
export const LibraryFilter = z.object({
  brand_id: LibraryId.optional(),
  /** Any of these (empty or absent: all). */
  statuses: z.array(LibraryStatus).max(LIBRARY_STATUSES.length).optional(),
  /** Only assets audited against an older version than the brand's current one (true), or only current ones (false). */
  stale: z.boolean().optional(),
  origin: z.enum(ASSET_ORIGINS).optional(),
  job_id: LibraryId.optional(),
  score_min: z.number().min(0).max(100).optional(),
  score_max: z.number().min(0).max(100).optional(),
  /** The brand version the latest audit was measured against, at least this one (e.g. "since v3"). */
  version_min: z.number().int().min(1).optional(),
  version_max: z.number().int().min(1).optional(),
  /** Created on or after this day / before the end of this day. */
  created_from: DayOrTimestamp.optional(),
  created_to: DayOrTimestamp.optional(),
  /** Words in the prompt or the file name (prefix matches: "ban" finds "banner"). */
  search: z.string().trim().max(200).optional(),
});
export type LibraryFilter = z.infer<typeof LibraryFilter>;

export const LibraryQuery = LibraryFilter.extend({
  sort: z.enum(LIBRARY_SORTS).default('newest'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(LIBRARY_PAGE_MAX).default(100),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;
export type LibraryQueryInput = z.input<typeof LibraryQuery>;

const Cost = z.object({ tokens: z.number().min(0), usd: z.number().min(0) });

/** One tile of the library grid (and one row of `mobius assets --json`). */
export const LibraryItem = z.object({
  asset_id: z.string(),
  brand_id: z.string(),
  brand_name: z.string(),
  job_id: z.string().nullable(),
  origin: z.enum(ASSET_ORIGINS),
  status: LibraryStatus,
  /** Audited against an older guideline version than the brand's current one. */
  stale: z.boolean(),
  score: z.number().nullable(),
  /** The brand version the latest audit was measured against (null: never audited). */
  audited_version: z.number().int().nullable(),
  current_version: z.number().int(),
  prompt: z.string().nullable(),
  /** The file name of an imported image. */
  source_name: z.string().nullable(),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  sha256: z.string(),
  cost: Cost,
  created_at: IsoTimestamp,
  image_url: z.string(),
  /** Null until the thumbnail exists (`library.thumbnails` makes it). */
  thumb_url: z.string().nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LibraryPage = z.object({
  items: z.array(LibraryItem),
  /** Rows matching the filter (the grid's scroll height). */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  /** Per status, how many match the other filters (the filter chips' numbers), and how many are stale. */
  counts: z.record(z.string(), z.number().int().min(0)),
  stale_count: z.number().int().min(0),
});
export type LibraryPage = z.infer<typeof LibraryPage>;

const FindingBrief = z.object({ category: z.string(), severity: z.enum(SEVERITIES), description: z.string() });
export type FindingBrief = z.infer<typeof FindingBrief>;

/** What changed between two audits of one image, and in the guidelines between their versions. */
export const ChangeSummary = z.object({
  from: z.object({ brand_version: z.number().int().nullable(), approved: z.boolean(), score: z.number() }),
  to: z.object({ brand_version: z.number().int().nullable(), approved: z.boolean(), score: z.number() }),
  decision_changed: z.boolean(),
  /** e.g. "Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette". */
  headline: z.string(),
  guideline_changes: z.array(z.string()),
  new_findings: z.array(FindingBrief),
  resolved_findings: z.array(FindingBrief),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

export const HISTORY_EVENT_KINDS = ['created', 'audit', 'reaudit', 'dismiss', 'restore', 'approve', 'override', 'reject', 'tweak', 'regenerate'] as const;

/** One line of an asset's history: who or what decided what, when. */
export const HistoryEvent = z.object({
  at: IsoTimestamp,
  kind: z.enum(HISTORY_EVENT_KINDS),
  /** The audit (pipeline or correction loop) or a person. */
  by: z.enum(['audit', 'reviewer', 'system']),
  summary: z.string(),
  audit_id: z.string().nullable().default(null),
  brand_version: z.number().int().nullable().default(null),
  score: z.number().nullable().default(null),
  approved: z.boolean().nullable().default(null),
  reason: z.string().nullable().default(null),
  /** For an audit after an earlier one: what changed. */
  changes: ChangeSummary.nullable().default(null),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** One image in the asset's lineage: the chain of attempts, corrections and tweaks that led to it. */
export const LineageStep = z.object({
  asset_id: z.string(),
  kind: z.enum([...ATTEMPT_KINDS, 'imported']),
  attempt: z.number().int().nullable(),
  round: z.number().int().nullable(),
  instruction: z.string().nullable(),
  score: z.number().nullable(),
  status: LibraryStatus,
  created_at: IsoTimestamp,
  thumb_url: z.string().nullable(),
  /** The asset the history is about. */
  current: z.boolean(),
});
export type LineageStep = z.infer<typeof LineageStep>;

export const AssetHistory = z.object({
  item: LibraryItem,
  lineage: z.array(LineageStep),
  /** Oldest first. */
  events: z.array(HistoryEvent),
  job: z.object({ job_id: z.string(), status: z.string(), prompt: z.string(), cost: Cost }).nullable(),
});
export type AssetHistory = z.infer<typeof AssetHistory>;

/** One asset's outcome in a background re-audit. */
export const ReauditResult = z.object({
  asset_id: z.string(),
  /** The prompt or file name, to name the image in a list of results. */
  title: z.string().nullable(),
  ok: z.boolean(),
  changes: ChangeSummary.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ReauditResult = z.infer<typeof ReauditResult>;

export const ReauditProgress = z.object({
  reaudit_id: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** The asset just finished (running events). */
  result: ReauditResult.nullable(),
  /** How many changed their decision so far. */
  decisions_changed: z.number().int().min(0),
});
export type ReauditProgress = z.infer<typeof ReauditProgress>;

export const TemplateReference = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), ext: z.string(), mime: z.string() });
export type TemplateReference = z.infer<typeof TemplateReference>;

/** An approved asset saved for reuse: its prompt, aspect, size and the image as a style reference. */
export const Template = z.object({
  template_id: z.string(),
  brand_id: z.string(),
  name: z.string(),
  source_asset_id: z.string(),
  prompt: z.string(),
  aspect_ratio: z.enum(ASPECT_RATIOS),
  image_size: z.enum(IMAGE_SIZES),
  /** Style references sent with every generation from the template (the source image first). */
  references: z.array(TemplateReference),
  created_at: IsoTimestamp,
});
export type Template = z.infer<typeof Template>;

export const MonthlyCost = z.object({
  brand_id: z.string(),
  brand_name: z.string(),
  /** YYYY-MM (UTC). */
  month: z.string(),
  assets: z.number().int().min(0),
  tokens: z.number().min(0),
  usd: z.number().min(0),
});
export type MonthlyCost = z.infer<typeof MonthlyCost>;
