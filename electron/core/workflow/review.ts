import { MobiusError } from '../../../shared/errors';
import type { JobReviewRequest } from '../../../shared/ipc/contract';
import type { Job } from '../../../shared/schema';
import { dismissFinding, restoreFinding } from '../audit/merge';
import type { Store } from '../store';
import { saveJob } from './steps';
import { openCritical, type WorkflowPolicy } from './policy';
import { readState, type GenerationState, type ReviewRecord } from './state';

/** A reviewer's decision: the `jobs.review` request without its job id (one definition, in the contract). */
export type ReviewAction = JobReviewRequest extends infer R ? (R extends JobReviewRequest ? Omit<R, 'job_id'> : never) : never;

const REVIEWABLE = ['needs_review', 'approved'] as const;

function requireReviewable(job: Job, action: string, allowFailed = false): void {
  const ok = (REVIEWABLE as readonly string[]).includes(job.status) || (allowFailed && job.status === 'failed');
  if (!ok) {
    throw new MobiusError(
      'VALIDATION',
      job.status === 'cancelled'
        ? `Job ${job.job_id} was cancelled or rejected; start a new generation instead.`
        : `Job ${job.job_id} is ${job.status.replace('_', ' ')}; "${action}" is possible once it has finished${allowFailed ? '' : ' with an image'}.`,
      { job_id: job.job_id, status: job.status, action },
    );
  }
}

function record(state: GenerationState, review: Omit<ReviewRecord, 'at'>, at: string): GenerationState {
  return { ...state, reviews: [...state.reviews, { ...review, at }] };
}

function selectedOf(job: Job, state: GenerationState): string {
  const id = state.selected_asset_id ?? state.current_asset_id;
  if (!id) throw new MobiusError('VALIDATION', `Job ${job.job_id} has no image to review.`, { job_id: job.job_id });
  return id;
}

/**
 * Apply a reviewer's decision in one transaction. Approve (an override when
 * the policy had not approved the image, recorded as such), tweak (one more
 * edit of the selected image, then one audit), regenerate (a fresh generation,
 * attempt count reset, history kept), reject, or dismiss/restore one finding
 * (re-scores, and can approve or un-approve the job). Returns the job; the
 * runner runs it when its status is a working one again.
 */
export function applyReview(store: Store, jobId: string, review: ReviewAction, policy: WorkflowPolicy): Job {
  return store.transaction(() => {
    const job = store.jobs.require(jobId);
    const state = readState(job);
    const at = new Date().toISOString();
    const save = (status: Job['status'], next: GenerationState, extra: Parameters<typeof saveJob>[4] = {}) => saveJob(store, job, status, next, extra, policy.maxAttempts);
    switch (review.action) {
      case 'approve': {
        requireReviewable(job, 'approve');
        const assetId = selectedOf(job, state);
        const asset = store.assets.require(assetId);
        const override = !(asset.compliance?.approved ?? false);
        store.assets.update(assetId, { status: 'approved' });
        return save('approved', record({ ...state, selected_asset_id: assetId }, { action: 'approve', asset_id: assetId, override, instruction: null, violation_id: null, overall_score: asset.compliance_score }, at));
      }
      case 'tweak': {
        requireReviewable(job, 'tweak');
        const instruction = review.instruction.trim();
        if (!instruction) throw new MobiusError('VALIDATION', 'Say what to change, e.g. "make the background Paper White".');
        const assetId = selectedOf(job, state);
        const next: GenerationState = {
          ...state,
          auto_correct: false,
          next: { mode: 'edit', kind: 'tweak', instruction, base_asset_id: assetId },
        };
        return save('correcting', record(next, { action: 'tweak', asset_id: assetId, override: false, instruction, violation_id: null, overall_score: null }, at), { error: null });
      }
      case 'regenerate': {
        requireReviewable(job, 'regenerate', true);
        const next: GenerationState = {
          ...state,
          round: state.round + 1,
          auto_correct: true,
          session: null,
          selected_asset_id: null,
          latest_score: null,
          next: { mode: 'generate', kind: 'generate', instruction: null, base_asset_id: null },
        };
        return save('pending', record(next, { action: 'regenerate', asset_id: null, override: false, instruction: null, violation_id: null, overall_score: null }, at), { attempt_count: 0, error: null });
      }
      case 'reject': {
        requireReviewable(job, 'reject');
        const assetId = selectedOf(job, state);
        store.assets.update(assetId, { status: 'rejected' });
        return save('cancelled', record(state, { action: 'reject', asset_id: assetId, override: false, instruction: null, violation_id: null, overall_score: null }, at));
      }
      case 'dismiss':
      case 'restore': {
        requireReviewable(job, review.action);
        const assetId = review.asset_id ?? selectedOf(job, state);
        if (!state.attempts.some((a) => a.asset_id === assetId)) {
          throw new MobiusError('VALIDATION', `Image ${assetId} is not part of job ${job.job_id}.`, { job_id: job.job_id, asset_id: assetId });
        }
        const asset = store.assets.require(assetId);
        const latest = store.audits.latestForAsset(assetId);
        const current = latest?.compliance ?? asset.compliance;
        if (!current) throw new MobiusError('VALIDATION', 'This image has not been audited yet.', { asset_id: assetId });
        if (!current.categories.some((c) => c.violations.some((v) => v.id === review.violation_id))) {
          throw new MobiusError('VALIDATION', `The audit has no finding with id "${review.violation_id}".`, { violation_id: review.violation_id });
        }
        const score =
          review.action === 'dismiss'
            ? dismissFinding(current, review.violation_id, review.reason, policy.threshold)
            : restoreFinding(current, review.violation_id, policy.threshold);
        const audit = store.audits.create({ asset_id: assetId, brand_version: latest?.brand_version ?? asset.brand_version, compliance: score });
        const attempts = state.attempts.map((a) =>
          a.asset_id === assetId ? { ...a, overall_score: score.overall_score, approved: score.approved, open_critical: openCritical(score), audit_id: audit.audit_id } : a,
        );
        const overridden = state.reviews.some((r) => r.action === 'approve' && r.override && r.asset_id === assetId);
        const isSelected = assetId === (state.selected_asset_id ?? state.current_asset_id);
        let status = job.status;
        if (isSelected && job.status === 'needs_review' && score.approved) status = 'approved';
        if (isSelected && job.status === 'approved' && !score.approved && !overridden) status = 'needs_review';
        const assetStatus = isSelected ? (status === 'approved' ? 'approved' : 'needs_review') : asset.status;
        store.assets.update(assetId, { compliance: score, compliance_score: score.overall_score, status: assetStatus });
        const next = record(
          { ...state, attempts, latest_score: isSelected ? score.overall_score : state.latest_score },
          { action: review.action, asset_id: assetId, override: false, instruction: null, violation_id: review.violation_id, overall_score: score.overall_score },
          at,
        );
        return save(status, next);
      }
    }
  });
}
