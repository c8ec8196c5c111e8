import type { Settings } from '../../../shared/schema/settings';
import type { ComplianceScore } from '../../../shared/schema';
import { approvalThreshold, hasOpenCritical, isApproved } from '../../../shared/scoring';
import type { ErrorCode } from '../../../shared/errors';
import type { AttemptRecord } from './state';

export interface WorkflowPolicy {
  /** 0–100. */
  threshold: number;
  maxAttempts: number;
}

export function policyFromSettings(settings: Pick<Settings, 'compliance_threshold' | 'max_generation_attempts'>): WorkflowPolicy {
  return { threshold: approvalThreshold(settings), maxAttempts: settings.max_generation_attempts };
}

export type AuditDecision = 'approved' | 'correct' | 'needs_review';

/** Did the model audit contribute nothing (so only pixels were assessed)? */
export function modelAuditMissing(score: Pick<ComplianceScore, 'partial' | 'errors'>): boolean {
  return score.partial && score.errors.length > 0;
}

/**
 * After an audit: approved when overall ≥ threshold with no open critical
 * finding (decided here, never on a model's word); otherwise correct while
 * attempts remain; otherwise a human reviews. A score the model could not
 * complete never auto-approves and is not worth an edit either.
 */
export function decideAfterAudit(input: {
  score: Pick<ComplianceScore, 'overall_score' | 'categories' | 'partial' | 'errors'>;
  attemptCount: number;
  policy: WorkflowPolicy;
  autoCorrect: boolean;
}): AuditDecision {
  const { score, attemptCount, policy, autoCorrect } = input;
  if (modelAuditMissing(score)) return 'needs_review';
  if (isApproved(score.overall_score, score.categories, policy.threshold)) return 'approved';
  if (autoCorrect && attemptCount < policy.maxAttempts) return 'correct';
  return 'needs_review';
}

/** The version to hand a reviewer: no open critical finding first, then the highest score, then the earliest. */
export function selectBest(attempts: readonly AttemptRecord[]): AttemptRecord | null {
  let best: AttemptRecord | null = null;
  const rank = (a: AttemptRecord) => [a.open_critical === false ? 1 : 0, a.overall_score ?? -1] as const;
  for (const a of attempts) {
    if (a.overall_score === null) continue;
    if (!best) {
      best = a;
      continue;
    }
    const [c1, s1] = rank(a);
    const [c0, s0] = rank(best);
    if (c1 > c0 || (c1 === c0 && s1 > s0)) best = a;
  }
  return best ?? attempts.at(-1) ?? null;
}

export function openCritical(score: Pick<ComplianceScore, 'categories'>): boolean {
  return hasOpenCritical(score.categories);
}

/** Errors that end a job as `failed`; everything else is paused, retried or surfaced differently. */
export const UNRECOVERABLE: readonly ErrorCode[] = [
  'GEMINI_AUTH',
  'GEMINI_MODEL_NOT_FOUND',
  'GEMINI_SAFETY',
  'GEMINI_NO_IMAGE',
  'GEMINI_UNAVAILABLE',
  'GEMINI_INVALID_REQUEST',
  'GEMINI_BAD_RESPONSE',
  'GEMINI_NOT_CONFIGURED',
  'GEMINI_RATE_LIMITED',
  'GEMINI_QUOTA_EXHAUSTED',
  'BRAND_NOT_FOUND',
  'VALIDATION',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'INTERNAL',
];

/** Model-audit error codes that mean the audit must not be trusted as a result (the step fails or pauses instead). */
export const AUDIT_ABORT_CODES: readonly string[] = ['OFFLINE', 'GEMINI_AUTH', 'GEMINI_MODEL_NOT_FOUND', 'GEMINI_UNAVAILABLE', 'GEMINI_RATE_LIMITED', 'GEMINI_QUOTA_EXHAUSTED', 'GEMINI_NOT_CONFIGURED'];
