import { z } from 'zod';
import { ComplianceScore } from './compliance';
import { IsoTimestamp, Score } from './normalize';

export const ASSET_STATUSES = ['pending', 'approved', 'rejected', 'needs_review'] as const;

export const Asset = z.object({
  asset_id: z.string().min(1),
  brand_id: z.string().min(1),
  brand_version: z.number().int().min(1),
  job_id: z.string().nullable().default(null),
  origin: z.enum(['generated', 'imported']),
  parent_asset_id: z.string().nullable().default(null),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string().min(1),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
  prompt: z.string().nullable().default(null),
  /** The file name an imported image had (searchable in the library). */
  source_name: z.string().nullable().default(null),
  generation_params: z.record(z.string(), z.unknown()).nullable().default(null),
  compliance: ComplianceScore.nullable().default(null),
  compliance_score: Score.nullable().default(null),
  status: z.enum(ASSET_STATUSES).default('pending'),
  cost: z.object({ tokens: z.number().int().min(0), usd: z.number().min(0) }).default({ tokens: 0, usd: 0 }),
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
export type Asset = z.infer<typeof Asset>;
