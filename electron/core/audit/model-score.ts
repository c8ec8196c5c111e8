import { ComplianceScore } from '../../../shared/schema/compliance';
import { finalizeScore } from '../../../shared/scoring';
import type { ModelAudit } from '../gemini/operations/audit';

export interface ModelScoreOptions {
  threshold: number;
  brandVersion?: number | null;
}

/** A score from whatever the model assessed; partial whenever anything is annotated (correctness property 20). */
export function scoreModelAudit(audit: ModelAudit, options: ModelScoreOptions): ComplianceScore {
  const partial = audit.errors.length > 0;
  const summary =
    audit.summary ||
    (audit.categories.length === 0 ? 'The model audit failed; no category could be scored. See errors.' : 'Partial audit: see errors for what could not be assessed.');
  const score = ComplianceScore.parse({
    overall_score: 0,
    categories: audit.categories,
    approved: false,
    summary,
    partial,
    errors: audit.errors,
    brand_version: options.brandVersion ?? null,
    measured: null,
  });
  return finalizeScore(score, options.threshold);
}

/** The model audit failed before any category was scored: a partial score that says why, never a silent zero. */
export function failedModelAudit(code: string, message: string, options: ModelScoreOptions): ComplianceScore {
  return scoreModelAudit({ categories: [], summary: `The model audit failed: ${message}`, errors: [{ code, message }] }, options);
}
