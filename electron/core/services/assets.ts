import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import type { AssetView, AuditProgressEvent, ParsedRequest } from '../../../shared/ipc';
import type { Asset, ComplianceScore } from '../../../shared/schema';
import type { DismissReason } from '../../../shared/vocab/audit';
import { dismissFinding, restoreFinding } from '../audit/merge';
import type { AuditPipeline, AuditRunOptions, ModelAccess } from '../audit/pipeline';
import { extensionForMime } from '../gemini/image-sink';
import type { GeminiService } from '../gemini/service';
import { reauditAsset } from '../library/reaudit';
import type { AuditRecord, Store } from '../store';
import type { EngineEvents } from './events';
import type { Views } from './views';

export interface AuditedAsset {
  asset: Asset;
  score: ComplianceScore;
  audit: AuditRecord;
}

export interface ImportImageInput {
  brandId: string;
  filePath?: string;
  bytes?: Uint8Array;
  /** The file name the library shows and searches (default: the base name of `filePath`). */
  sourceName?: string;
  /** The model to ask, or why there is none. */
  gemini: ModelAccess;
  signal?: AbortSignal;
  onProgress?: AuditRunOptions['onProgress'];
}

export interface AssetServiceOptions {
  store: Store;
  audit: AuditPipeline;
  gemini: Pick<GeminiService, 'access'>;
  events: EngineEvents;
  views: Views;
}

type Stage = AuditProgressEvent['stage'];
const PERCENT: Record<Stage, number> = { reading: 5, measuring: 20, assessing: 60, saving: 90, done: 100 };

async function readImage(input: Pick<ImportImageInput, 'bytes' | 'filePath'>): Promise<Uint8Array> {
  if (input.bytes) return input.bytes;
  if (!input.filePath) throw new MobiusError('VALIDATION', 'Give an image file to audit.', { reason: 'no_image' });
  try {
    return await readFile(input.filePath);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new MobiusError(
      'VALIDATION',
      code === 'ENOENT' ? `There is no file at ${input.filePath}.` : `The file ${input.filePath} cannot be read (${code ?? 'error'}).`,
      { path: input.filePath, reason: 'unreadable' },
      { cause },
    );
  }
}

/**
 * The `assets.*` operations — the audit service for stored images: import and
 * audit an image, re-audit against the brand's current version, dismiss or
 * restore a finding. Every audit runs through the one pipeline; this service
 * only stores what it returns.
 */
export class AssetService {
  constructor(private readonly o: AssetServiceOptions) {}

  async list({ brand_id }: ParsedRequest<'assets.list'>): Promise<AssetView[]> {
    this.o.store.brands.require(brand_id);
    return this.o.store.assets
      .list({ brand_id })
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map((a) => this.o.views.asset(a));
  }

  async get({ asset_id }: ParsedRequest<'assets.get'>): Promise<AssetView> {
    return this.o.views.asset(this.o.store.assets.require(asset_id));
  }

  /** A PNG/JPEG/WebP the user brings, stored as an imported asset with its audit; progress as `audit.progress`. */
  async importAndAudit({ brand_id, path, audit_id }: ParsedRequest<'assets.importAndAudit'>): Promise<AssetView> {
    const progress = this.progress(audit_id);
    progress('reading');
    const { asset } = await this.importImage({ brandId: brand_id, filePath: path, gemini: await this.o.gemini.access(), onProgress: progress });
    progress('done');
    return this.o.views.asset(asset);
  }

  /** Re-audit an asset against its brand's current version; the new audit is kept next to the old ones. */
  async audit({ asset_id, audit_id }: ParsedRequest<'assets.audit'>): Promise<AssetView> {
    const progress = this.progress(audit_id);
    progress('reading');
    const { asset } = await reauditAsset(this.o.store, this.o.audit, asset_id, {
      gemini: await this.o.gemini.access(),
      onProgress: progress,
      onSaving: () => progress('saving'),
    });
    progress('done');
    return this.o.views.asset(asset);
  }

  async dismissFinding({ asset_id, violation_id, reason }: ParsedRequest<'assets.dismissFinding'>): Promise<AssetView> {
    return this.o.views.asset(this.changeFinding(asset_id, violation_id, { dismiss: reason }).asset);
  }

  async restoreFinding({ asset_id, violation_id }: ParsedRequest<'assets.restoreFinding'>): Promise<AssetView> {
    return this.o.views.asset(this.changeFinding(asset_id, violation_id, 'restore').asset);
  }

  /**
   * Audit an image and store it as an imported asset with its audit (also
   * `mobius audit`). A bad image throws before anything is written, so it
   * leaves no file and no row behind.
   */
  async importImage(input: ImportImageInput): Promise<AuditedAsset> {
    const { store } = this.o;
    const brand = store.brands.require(input.brandId);
    const bytes = await readImage(input);
    const { score, cost, image } = await this.o.audit.audit(brand, bytes, {
      gemini: input.gemini,
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    return store.putFileThen(bytes, extensionForMime(image.mime), image.mime, (file) => {
      const asset = store.assets.create({
        brand_id: brand.brand_id,
        brand_version: brand.version,
        origin: 'imported',
        sha256: file.sha256,
        mime: image.mime,
        width: image.width,
        height: image.height,
        source_name: input.sourceName ?? (input.filePath ? path.basename(input.filePath) : null),
        compliance: score,
        compliance_score: score.overall_score,
        status: score.approved ? 'approved' : 'needs_review',
        cost,
      });
      const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: brand.version, compliance: score });
      return { asset, score, audit };
    });
  }

  /** Dismiss (with a reason) or restore one finding of the latest audit; the re-scored audit is stored as a new audit row. */
  changeFinding(assetId: string, violationId: string, change: { dismiss: DismissReason } | 'restore'): AuditedAsset {
    const { store } = this.o;
    const threshold = this.o.audit.threshold();
    return store.transaction(() => {
      const asset = store.assets.require(assetId);
      const latest = store.audits.latestForAsset(asset.asset_id);
      const current = latest?.compliance ?? asset.compliance;
      if (!current) throw new MobiusError('VALIDATION', 'This image has not been audited yet.', { asset_id: asset.asset_id, reason: 'not_audited' });
      const known = current.categories.some((c) => c.violations.some((v) => v.id === violationId));
      if (!known) throw new MobiusError('VALIDATION', `The audit has no finding with id "${violationId}".`, { violation_id: violationId, reason: 'unknown_finding' });
      const score = change === 'restore' ? restoreFinding(current, violationId, threshold) : dismissFinding(current, violationId, change.dismiss, threshold);
      const updated = store.assets.update(asset.asset_id, {
        compliance: score,
        compliance_score: score.overall_score,
        ...(asset.status === 'approved' || asset.status === 'needs_review' || asset.status === 'pending' ? { status: score.approved ? 'approved' : 'needs_review' } : {}),
      });
      const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: latest?.brand_version ?? asset.brand_version, compliance: score });
      return { asset: updated, score, audit };
    });
  }

  private progress(auditId: string | undefined): (stage: Stage) => void {
    return (stage) => {
      if (auditId) this.o.events.emit('audit.progress', { audit_id: auditId, stage, percent: PERCENT[stage] });
    };
  }
}
