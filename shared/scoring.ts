import {
  CATEGORY_WEIGHTS,
  type CategoryScore,
  type ComplianceCategory,
  type ComplianceScore,
  type Violation,
} from './schema/compliance';
import { blockingConditions, decide } from './decision';

/** Default approval threshold on the 0–100 scale (settings hold it as a 0–1 fraction). */
export const DEFAULT_THRESHOLD = 80;

/** The approval threshold (0–100) from the `compliance_threshold` setting (0–1): the one place it is computed. */
export function approvalThreshold(settings: { compliance_threshold: number }): number {
  return Math.round(settings.compliance_threshold * 10000) / 100;
}

/**
 * Mobius' weighted mean over the categories that were actually assessed,
 * with the weights renormalised over them. No categories → 0 (and the caller
 * must mark the score partial).
 */
export function overallScore(categories: readonly Pick<CategoryScore, 'category' | 'score'>[]): number {
  let weighted = 0;
  let total = 0;
  for (const { category, score } of categories) {
    const weight = CATEGORY_WEIGHTS[category as ComplianceCategory];
    weighted += weight * score;
    total += weight;
  }
  if (total === 0) return 0;
  return Math.round((weighted / total) * 100) / 100;
}

export function openViolations(categories: readonly CategoryScore[]): Violation[] {
  return categories.flatMap((c) => c.violations.filter((v) => v.status === 'open'));
}

export function hasOpenCritical(categories: readonly CategoryScore[]): boolean {
  return openViolations(categories).some((v) => v.severity === 'critical');
}

/**
 * Approved is decided in code, never on a model's word (shared/decision.ts):
 * overall ≥ threshold, no open critical finding and no blocking measured condition.
 */
export function isApproved(overall: number, categories: readonly CategoryScore[], threshold = DEFAULT_THRESHOLD): boolean {
  return categories.length > 0 && decide(overall, categories, threshold).approved;
}

/** Recompute `overall_score`, `approved` and each category's `passed` from the category scores. */
export function finalizeScore(score: ComplianceScore, threshold = DEFAULT_THRESHOLD): ComplianceScore {
  const categories = score.categories.map((c) => ({
    ...c,
    passed: c.score >= threshold && !c.violations.some((v) => v.status === 'open' && v.severity === 'critical') && blockingConditions([c]).length === 0,
  }));
  const overall = overallScore(categories);
  const decision = decide(overall, categories, threshold);
  return {
    ...score,
    categories,
    overall_score: overall,
    approved: categories.length > 0 && decision.approved,
    blocking: decision.blocking,
  };
}
