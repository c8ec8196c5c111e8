import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Asset, ReauditProgress, ReauditResult } from '../../../shared/schema';
import { summariseChange, type GuidelinesForDiff } from '../../../shared/library/what-changed';
import type { AuditPipeline, AuditRunOptions, ModelAccess } from '../audit/pipeline';
import { extensionForMime } from '../gemini/image-sink';
import type { Logger } from '../log';
import type { AuditRecord, Store } from '../store';
import { AUDIT_ABORT_CODES } from '../workflow/policy';
import { versionGuidelines } from './history';

export interface ReauditOutcome {
  asset: Asset;
  before: AuditRecord | null;
  audit: AuditRecord;
}

/**
 * Audit a stored image again against its brand's current version and keep the
 * new audit next to the old ones (one transaction: audit row, score, status,
 * cost). A reviewer's rejection stands; otherwise the new audit decides.
 */
export async function reauditAsset(
  store: Store,
  pipeline: AuditPipeline,
  assetId: string,
  options: Pick<AuditRunOptions, 'signal' | 'onProgress'> & { gemini: ModelAccess; onSaving?: () => void; requireModel?: boolean },
): Promise<ReauditOutcome> {
  const asset = store.assets.require(assetId);
  const brand = store.brands.require(asset.brand_id);
  const before = store.audits.latestForAsset(asset.asset_id);
  const bytes = await store.files.read(asset.sha256, store.fileRecords.get(asset.sha256)?.ext ?? extensionForMime(asset.mime));
  const outcome = await pipeline.audit(brand, bytes, {
    gemini: options.gemini,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // In a batch, a model that is "not there right now" must not turn into pixel-only decisions for every image.
  if (options.requireModel && outcome.model.status === 'failed' && AUDIT_ABORT_CODES.includes(outcome.model.error.code)) throw outcome.model.error;
  if (options.signal?.aborted) throw new MobiusError('CANCELLED', 'The re-audit was cancelled.');
  const { score, cost } = outcome;
  options.onSaving?.();
  return store.transaction(() => {
    const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: brand.version, compliance: score });
    const current = store.assets.require(asset.asset_id);
    const updated = store.assets.update(asset.asset_id, {
      compliance: score,
      compliance_score: score.overall_score,
      cost: { tokens: current.cost.tokens + cost.tokens, usd: current.cost.usd + cost.usd },
      ...(current.status !== 'rejected' ? { status: score.approved ? 'approved' : 'needs_review' } : {}),
    });
    return { asset: updated, before, audit };
  });
}

export interface ReauditRunnerOptions {
  store: Store;
  pipeline: AuditPipeline;
  gemini: () => Promise<ModelAccess>;
  emit: (progress: ReauditProgress) => void;
  logger: Logger;
}

export interface ReauditSummary {
  reaudit_id: string;
  state: ReauditProgress['state'];
  results: ReauditResult[];
}

/**
 * Background re-audits of a selection ("re-audit everything stale"): one
 * image at a time through the one pipeline, progress per image with what
 * changed, cancellable between and during images. Each image is its own
 * transaction, so a cancel or a crash leaves every finished one saved and
 * the rest untouched.
 */
export class ReauditRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<ReauditSummary> }>();

  constructor(private readonly o: ReauditRunnerOptions) {}

  start(reauditId: string, assetIds: readonly string[], options: { gemini?: ModelAccess } = {}): { total: number; done: Promise<ReauditSummary> } {
    if (this.running.has(reauditId)) throw new MobiusError('VALIDATION', 'This re-audit is already running.', { reaudit_id: reauditId, reason: 'duplicate_reaudit_id' });
    const controller = new AbortController();
    const ids = [...new Set(assetIds)];
    const done = this.run(reauditId, ids, controller.signal, options.gemini).finally(() => this.running.delete(reauditId));
    this.running.set(reauditId, { controller, done });
    return { total: ids.length, done };
  }

  cancel(reauditId: string): boolean {
    const run = this.running.get(reauditId);
    run?.controller.abort();
    return run !== undefined;
  }

  async close(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async run(reauditId: string, ids: readonly string[], signal: AbortSignal, given?: ModelAccess): Promise<ReauditSummary> {
    const results: ReauditResult[] = [];
    let changed = 0;
    const emit = (state: ReauditProgress['state'], result: ReauditResult | null) =>
      this.o.emit({ reaudit_id: reauditId, state, done: results.length, total: ids.length, result, decisions_changed: changed });
    const guidelines = new Map<string, Map<number, GuidelinesForDiff>>();
    const guidelinesOf = (brandId: string) => guidelines.get(brandId) ?? guidelines.set(brandId, versionGuidelines(this.o.store, brandId)).get(brandId)!;
    let state: ReauditProgress['state'] = 'done';
    try {
      // Yield first: the caller gets its answer (total) before the first progress event.
      await new Promise((resolve) => setImmediate(resolve));
      const gemini = given ?? (await this.o.gemini());
      emit('running', null);
      for (const assetId of ids) {
        if (signal.aborted) {
          state = 'cancelled';
          break;
        }
        let result: ReauditResult;
        const known = this.o.store.assets.get(assetId);
        const title = known?.prompt ?? known?.source_name ?? null;
        try {
          const { asset, before, audit } = await reauditAsset(this.o.store, this.o.pipeline, assetId, { gemini, signal, requireModel: gemini.client !== null });
          const versions = guidelinesOf(asset.brand_id);
          const changes = before
            ? summariseChange(
                { score: before.compliance, version: before.brand_version, guidelines: versions.get(before.brand_version) ?? null },
                { score: audit.compliance, version: audit.brand_version, guidelines: versions.get(audit.brand_version) ?? null },
              )
            : null;
          if (changes?.decision_changed) changed++;
          result = { asset_id: assetId, title, ok: true, changes, error: null };
        } catch (error) {
          if (isMobiusError(error) && error.code === 'CANCELLED') {
            state = 'cancelled';
            break;
          }
          const e = isMobiusError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
          this.o.logger.warn('reaudit.asset_failed', { reaudit_id: reauditId, asset_id: assetId, code: e.code });
          result = { asset_id: assetId, title, ok: false, changes: null, error: e };
        }
        results.push(result);
        emit('running', result);
      }
    } catch (error) {
      state = 'failed';
      this.o.logger.error('reaudit.failed', { reaudit_id: reauditId, error });
    }
    emit(state, null);
    return { reaudit_id: reauditId, state, results };
  }
}
