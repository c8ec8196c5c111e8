import { z } from 'zod';
import { BlockingCondition } from './audit-evidence';
import { NormalizedBox } from './brand';
import { Score, caseInsensitiveEnum } from './normalize';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
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

export const COMPLIANCE_CATEGORIES = ['colors', 'typography', 'layout', 'logo_usage'] as const;
export type ComplianceCategory = (typeof COMPLIANCE_CATEGORIES)[number];
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

export const FindingSource = z.enum(['pixel', 'model', 'user']);
export const DismissReason = z.enum(['incorrect_assessment', 'not_applicable']);

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

export const ComplianceScore = z.object({
  overall_score: Score,
  categories: z.array(CategoryScore),
  approved: z.boolean(),
  summary: z.string().default(''),
  partial: z.boolean().default(false),
  errors: z.array(AuditErrorNote).default([]),
  brand_version: z.number().int().min(1).nullable().default(null),
  measured: z.record(z.string(), z.unknown()).nullable().default(null),
  /** Measured conditions that block approval, each named (shared/decision.ts); recomputed with `approved`. */
  blocking: z.array(BlockingCondition).optional(),
});
export type ComplianceScore = z.infer<typeof ComplianceScore>;
