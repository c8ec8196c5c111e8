import { z } from 'zod';
import { AuditRegime, BlockingCondition, LogoEvidence, PaletteDrift, RuleApplication, TextEvidence } from './audit-evidence';
import { NormalizedBox } from './brand';
import { COMPLIANCE_CATEGORIES, DISMISS_REASONS, FINDING_SOURCES, SEVERITIES } from '../vocab/audit';
import { Score, caseInsensitiveEnum } from './normalize';

export { COMPLIANCE_CATEGORIES, SEVERITIES };
export type Severity = (typeof SEVERITIES)[number];
export type ComplianceCategory = (typeof COMPLIANCE_CATEGORIES)[number];
/**
 * Severity words models and people use, mapped onto Mobius' four levels. An
 * unknown word is a validation error, never a silent zero (a Mobius failure).
 */
export const Severity = caseInsensitiveEnum(SEVERITIES, {
  minor: 'low',
  info: 'low',
  warning: 'medium',
  moderate: 'medium',
  major: 'high',
  error: 'high',
  severe: 'critical',
  blocker: 'critical',
});

export const ComplianceCategory = caseInsensitiveEnum(COMPLIANCE_CATEGORIES, {
  color: 'colors',
  colour: 'colors',
  colours: 'colors',
  logo: 'logo_usage',
  logos: 'logo_usage',
  fonts: 'typography',
  composition: 'layout',
});

/** Mobius' category weights; overall is their weighted mean over the assessed categories. */
export const CATEGORY_WEIGHTS: Record<ComplianceCategory, number> = {
  colors: 0.3,
  typography: 0.25,
  layout: 0.25,
  logo_usage: 0.2,
};

export const FindingSource = z.enum(FINDING_SOURCES);
export const DismissReason = z.enum(DISMISS_REASONS);

export const Violation = z.object({
  category: z.string(),
  description: z.string(),
  severity: Severity,
  fix_suggestion: z.string().default(''),
  id: z.string().min(1).default(() => globalThis.crypto.randomUUID()),
  source: FindingSource.default('model'),
  region: NormalizedBox.nullable().optional(),
  evidence: z.record(z.string(), z.unknown()).nullable().optional(),
  guideline_ref: z
    .object({ instruction: z.string(), page: z.number().int().min(1).nullable().optional() })
    .nullable()
    .optional(),
  status: z.enum(['open', 'dismissed']).default('open'),
  dismiss_reason: DismissReason.nullable().optional(),
});
export type Violation = z.infer<typeof Violation>;

export const CategoryScore = z.object({
  category: ComplianceCategory,
  score: Score,
  passed: z.boolean(),
  violations: z.array(Violation).default([]),
});
export type CategoryScore = z.infer<typeof CategoryScore>;

/** What went wrong while auditing: a partial score carries these instead of pretending to be complete. */
export const AuditErrorNote = z.object({
  code: z.string(),
  message: z.string(),
  category: ComplianceCategory.nullable().optional(),
});
export type AuditErrorNote = z.infer<typeof AuditErrorNote>;

const RoleShares = z.object({ neutral: z.number(), brand: z.number(), accent: z.number(), semantic: z.number() });

/** A colour found in the image and the brand colour nearest to it (ΔE00). */
export const MeasuredColor = z.object({
  hex: z.string(),
  share: z.number(),
  nearest: z.string().nullable(),
  nearest_hex: z.string().nullable(),
  delta_e: z.number().nullable(),
});
export type MeasuredColor = z.infer<typeof MeasuredColor>;

/**
 * `ComplianceScore.measured`: what the pixel audit measured. The parts a
 * report shows are typed here; the rest of the audit worker's measurements
 * (per-colour shares, text contrast, forbidden pairs …) pass through unchanged.
 */
export const AuditMeasured = z.looseObject({
  tolerances: z.object({ exact: z.number(), family: z.number() }),
  /** Shares of the image exactly on a palette colour, within a colour's family, only shaded, and off the palette. */
  coverage: z.object({ exact: z.number(), family: z.number(), shaded: z.number(), off: z.number() }),
  role_shares: z.object({
    measured: RoleShares,
    target: RoleShares,
    target_source: z.enum(['usage_weights', '60-30-10']),
    deviation: z.number(),
  }),
  clusters: z.array(MeasuredColor),
  off_palette_regions: z.array(MeasuredColor.extend({ box: NormalizedBox })),
  // Optional: audits stored before regimes, structural text detection and rule scope lack them.
  regime: AuditRegime.optional(),
  drift: z.array(PaletteDrift).optional(),
  drift_share: z.number().optional(),
  exact_flat_share: z.number().optional(),
  text: TextEvidence.optional(),
  rules: z.array(RuleApplication).optional(),
  /** The brand's logo in the image: where, and what was measured about it. */
  logo: LogoEvidence.optional(),
});
export type AuditMeasured = z.infer<typeof AuditMeasured>;

/** The image the reasoning model was shown, when it differs from the file only in what `changes` lists (gemini/image-input.ts). */
export const ModelImageInput = z.object({
  mime: z.string(),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
  bytes: z.number().int().min(0),
  source_format: z.string(),
  source_width: z.number().int().min(0),
  source_height: z.number().int().min(0),
  /** e.g. "converted from TIFF", "downscaled to 3072 px long side"; empty: the original bytes were sent. */
  changes: z.array(z.string()),
  /** The colour transparency was flattened on, when there was any. */
  background: z.string().nullable(),
});
export type ModelImageInput = z.infer<typeof ModelImageInput>;

export const ComplianceScore = z.object({
  overall_score: Score,
  categories: z.array(CategoryScore),
  approved: z.boolean(),
  summary: z.string().default(''),
  partial: z.boolean().default(false),
  errors: z.array(AuditErrorNote).default([]),
  brand_version: z.number().int().min(1).nullable().default(null),
  measured: AuditMeasured.nullable().default(null),
  /** What the reasoning model was sent (absent when no model assessed the image). */
  model_input: ModelImageInput.nullable().optional(),
  /** Measured conditions that block approval, each named (shared/decision.ts); recomputed with `approved`. */
  blocking: z.array(BlockingCondition).optional(),
});
export type ComplianceScore = z.infer<typeof ComplianceScore>;
