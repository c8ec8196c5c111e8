import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Brand, Job, JobStatus } from '../../../shared/schema';
import { deriveCompressedTwin } from '../../../shared/twin';
import type { AuditPipeline } from '../audit/pipeline';
import type { GeminiClient } from '../gemini/client';
import { extensionForMime } from '../gemini/image-sink';
import { EditSession } from '../gemini/session';
import type { GeneratedImage } from '../gemini/types';
import { promptWithStyle, styleReferences } from '../library/templates';
import type { Store } from '../store';
import { buildCorrectionInstruction } from './correction';
import { logoReference, withLogoText } from './logo-reference';
import { canTransition, isTerminal, progressOf } from './machine';
import { AUDIT_ABORT_CODES, decideAfterAudit, openCritical, selectBest, type WorkflowPolicy } from './policy';
import { readState, type AttemptRecord, type GenerationState } from './state';

export type WorkflowGemini = Pick<GeminiClient, 'generateImage' | 'editImage' | 'auditImage'>;

export interface StepDeps {
  store: Store;
  gemini: WorkflowGemini;
  /** Every attempt is audited by the one audit pipeline. */
  audit: AuditPipeline;
  policy: () => WorkflowPolicy;
}

/**
 * Persist a status change with its state in one write (the job row is the
 * source of truth). Only the state machine's arrows are allowed: anything else
 * is a bug and throws before anything is written.
 */
export function saveJob(store: Store, job: Job, status: JobStatus, state: GenerationState, extra: { attempt_count?: number; error?: Job['error'] } = {}, maxAttempts = 3): Job {
  if (!canTransition(job.status, status)) {
    throw new MobiusError('INTERNAL', `A job cannot go from ${job.status} to ${status}.`, { job_id: job.job_id, from: job.status, to: status });
  }
  const attemptCount = extra.attempt_count ?? job.attempt_count;
  return store.jobs.update(job.job_id, {
    status,
    state,
    attempt_count: attemptCount,
    progress: progressOf(status, attemptCount, maxAttempts),
    ...(extra.error !== undefined ? { error: extra.error } : {}),
  });
}

function requireBrand(store: Store, brandId: string): Brand {
  return store.brands.require(brandId);
}

/** The session truncated to the turn that produced `attempt`'s image, so an edit starts from that image. */
function sessionAt(state: GenerationState, baseAssetId: string | null): unknown {
  if (!baseAssetId || state.session === null) return state.session;
  const attempt = state.attempts.find((a) => a.asset_id === baseAssetId);
  const parsed = EditSession.safeParse(state.session);
  if (!attempt || !parsed.success || attempt.session_turn <= 0 || attempt.session_turn >= parsed.data.turns) return state.session;
  return { ...parsed.data, history: parsed.data.history.slice(0, attempt.session_turn * 2), turns: attempt.session_turn };
}

/** pending → generating, correcting → generating: claim the step before spending a model call. */
export function startGenerating(deps: StepDeps, job: Job): Job {
  return saveJob(deps.store, job, 'generating', readState(job), {}, deps.policy().maxAttempts);
}

/**
 * generating → auditing: one image model call (a generation, or an edit of
 * the current image), then the image file, its Asset (parent = the previous
 * attempt) and the job's new state in one transaction. A crash before the
 * commit leaves no row (the file, if written, is an orphan removed at start-up),
 * so the step simply runs again: no attempt is duplicated or lost.
 */
export async function generateStep(deps: StepDeps, job: Job, signal: AbortSignal): Promise<Job> {
  const { store, gemini } = deps;
  const state = readState(job);
  const brand = requireBrand(store, job.brand_id);
  const next = state.next;
  const twin = brand.compressed_twin ?? deriveCompressedTwin(brand.guidelines);
  // The logo goes with the first request and with every correction: an edit must not lose it.
  const logo = await logoReference(store, twin, `${state.prompt} ${next.instruction ?? ''}`);
  const reference_images = logo ? [logo.image] : [];
  let image: GeneratedImage;
  if (next.mode === 'edit' && state.session !== null) {
    image = await gemini.editImage(sessionAt(state, next.base_asset_id), withLogoText(logo, next.instruction ?? ''), { signal, brandId: brand.brand_id, reference_images });
  } else {
    const styles = await styleReferences(store, state);
    image = await gemini.generateImage(withLogoText(logo, promptWithStyle(state.prompt, styles.length)), twin, {
      signal,
      brandId: brand.brand_id,
      aspect_ratio: state.params.aspect_ratio,
      image_size: state.params.image_size,
      reference_images: [...reference_images, ...styles],
    });
  }
  if (signal.aborted) throw new MobiusError('CANCELLED', 'The job was cancelled.');
  const policy = deps.policy();
  return store.putFileThen(image.bytes, extensionForMime(image.mime), image.mime, (file) => {
    const current = store.jobs.require(job.job_id);
    // Someone (a cancel from another process, a review) moved the job on: do not record a stale attempt.
    if (current.status !== 'generating' || current.updated_at !== job.updated_at) {
      throw new MobiusError('CANCELLED', 'The job changed while the image was being generated.', { job_id: job.job_id, status: current.status });
    }
    const attemptNumber = job.attempt_count + 1;
    const asset = store.assets.create({
      brand_id: brand.brand_id,
      brand_version: state.brand_version,
      job_id: job.job_id,
      origin: 'generated',
      parent_asset_id: next.mode === 'edit' ? (next.base_asset_id ?? state.current_asset_id) : state.current_asset_id,
      sha256: file.sha256,
      mime: image.mime,
      width: image.width ?? 0,
      height: image.height ?? 0,
      prompt: state.prompt,
      generation_params: {
        ...state.params,
        model: image.model,
        mode: next.mode,
        kind: next.kind,
        instruction: next.instruction,
        attempt: attemptNumber,
        round: state.round,
        request_id: image.request_id,
      },
      status: 'pending',
      cost: { tokens: image.cost.tokens, usd: image.cost.usd },
    });
    const attempt: AttemptRecord = {
      attempt: attemptNumber,
      round: state.round,
      asset_id: asset.asset_id,
      kind: next.kind,
      instruction: next.instruction,
      session_turn: image.session.turns,
      overall_score: null,
      approved: null,
      open_critical: null,
      audit_id: null,
    };
    const nextState: GenerationState = {
      ...state,
      session: image.session,
      current_asset_id: asset.asset_id,
      attempts: [...state.attempts, attempt],
      cost: { tokens: state.cost.tokens + image.cost.tokens, usd: state.cost.usd + image.cost.usd },
      rate_limit_retries: 0,
    };
    return saveJob(store, current, 'auditing', nextState, { attempt_count: attemptNumber }, policy.maxAttempts);
  });
}

/**
 * auditing → approved | correcting | needs_review: audit the current image,
 * then the audit row, the asset's score and status and the job's decision in
 * one transaction. A correction stores the edit instruction it will send.
 */
export async function auditStep(deps: StepDeps, job: Job, signal: AbortSignal): Promise<Job> {
  const { store } = deps;
  const state = readState(job);
  const brand = requireBrand(store, job.brand_id);
  if (!state.current_asset_id) throw new MobiusError('INTERNAL', 'The job has no image to audit.', { job_id: job.job_id });
  const asset = store.assets.require(state.current_asset_id);
  const bytes = await store.files.read(asset.sha256, extensionForMime(asset.mime));
  const outcome = await deps.audit.audit(brand, bytes, { gemini: { client: deps.gemini }, brandVersion: state.brand_version, signal });
  // A model failure that means "not now" (offline, rate limit, auth …) pauses or fails the job rather than deciding on pixels alone.
  if (outcome.model.status === 'failed' && AUDIT_ABORT_CODES.includes(outcome.model.error.code)) throw outcome.model.error;
  if (signal.aborted) throw new MobiusError('CANCELLED', 'The job was cancelled.');
  const { score } = outcome;
  const cost_usd = outcome.cost.usd;
  const cost_tokens = outcome.cost.tokens;
  const policy = deps.policy();
  return store.transaction(() => {
    const current = store.jobs.require(job.job_id);
    if (current.status !== 'auditing' || current.updated_at !== job.updated_at) {
      throw new MobiusError('CANCELLED', 'The job changed while the image was being audited.', { job_id: job.job_id, status: current.status });
    }
    const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: state.brand_version, compliance: score });
    const attempts = state.attempts.map((a) =>
      a.asset_id === asset.asset_id ? { ...a, overall_score: score.overall_score, approved: score.approved, open_critical: openCritical(score), audit_id: audit.audit_id } : a,
    );
    const decision = decideAfterAudit({ score, attemptCount: current.attempt_count, policy, autoCorrect: state.auto_correct });
    const base: GenerationState = {
      ...state,
      attempts,
      latest_score: score.overall_score,
      cost: { tokens: state.cost.tokens + cost_tokens, usd: state.cost.usd + cost_usd },
      rate_limit_retries: 0,
    };
    const assetCost = { tokens: asset.cost.tokens + cost_tokens, usd: asset.cost.usd + cost_usd };
    if (decision === 'approved') {
      store.assets.update(asset.asset_id, { compliance: score, compliance_score: score.overall_score, status: 'approved', cost: assetCost });
      return saveJob(store, current, 'approved', { ...base, selected_asset_id: asset.asset_id }, { error: null }, policy.maxAttempts);
    }
    store.assets.update(asset.asset_id, { compliance: score, compliance_score: score.overall_score, cost: assetCost });
    if (decision === 'correct') {
      const instruction = buildCorrectionInstruction(score, policy.threshold);
      return saveJob(
        store,
        current,
        'correcting',
        { ...base, next: { mode: 'edit', kind: 'correct', instruction, base_asset_id: null } },
        {},
        policy.maxAttempts,
      );
    }
    const best = selectBest(attempts) ?? attempts.at(-1)!;
    store.assets.update(best.asset_id, { status: 'needs_review' });
    return saveJob(store, current, 'needs_review', { ...base, selected_asset_id: best.asset_id }, {}, policy.maxAttempts);
  });
}

/** Run the one step the job's persisted status calls for. */
export async function runStep(deps: StepDeps, job: Job, signal: AbortSignal): Promise<Job> {
  switch (job.status) {
    case 'pending':
    case 'correcting':
      return startGenerating(deps, job);
    case 'generating':
      return generateStep(deps, job, signal);
    case 'auditing':
      return auditStep(deps, job, signal);
    default:
      if (isTerminal(job.status)) return job;
      throw new MobiusError('INTERNAL', `No step runs a job in status "${job.status}".`, { job_id: job.job_id });
  }
}

export function errorOf(error: unknown): { code: string; message: string } {
  if (isMobiusError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
