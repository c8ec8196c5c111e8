import { readFile } from 'node:fs/promises';
import { MobiusError } from '../../../shared/errors';
import type { Asset, Brand, ComplianceScore } from '../../../shared/schema';
import { DEFAULT_THRESHOLD, thresholdToScore } from '../../../shared/scoring';
import type { GeminiClient } from '../gemini/client';
import type { AuditRecord, Store } from '../store';
import { dismissFinding, mergeAudit, pixelEvidenceForPrompt, restoreFinding } from './merge';
import { sharedPixelAuditor, type PixelAuditor } from './pixel-audit';
import { buildPixelScore } from './score';

export interface AuditImageFileInput {
  store: Store;
  brandId: string;
  filePath?: string;
  bytes?: Uint8Array;
  /** No model call: a partial, pixel-only score. */
  offline?: boolean;
  gemini?: Pick<GeminiClient, 'auditCompliance'> | null;
  /** Measure text contrast with OCR (default true). */
  ocr?: boolean;
  /** 0–100; default: the compliance_threshold setting, else 80. */
  threshold?: number;
  auditor?: PixelAuditor;
  signal?: AbortSignal;
}

export interface AuditImageFileResult {
  asset: Asset;
  score: ComplianceScore;
  audit: AuditRecord;
}

const EXT_BY_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};

function thresholdFrom(store: Store): number {
  const value = store.settings.getAll()['compliance_threshold'];
  return typeof value === 'number' && value >= 0 && value <= 1 ? thresholdToScore(value) : DEFAULT_THRESHOLD;
}

async function readImage(input: AuditImageFileInput): Promise<Uint8Array> {
  if (input.bytes) return input.bytes;
  if (!input.filePath) throw new MobiusError('VALIDATION', 'Give an image file to audit.');
  try {
    return await readFile(input.filePath);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new MobiusError(
      'VALIDATION',
      code === 'ENOENT' ? `There is no file at ${input.filePath}.` : `The file ${input.filePath} cannot be read (${code ?? 'error'}).`,
      { path: input.filePath },
      { cause },
    );
  }
}

function logotypesOf(brand: Brand): string[] {
  return [brand.name, ...brand.guidelines.logos.map((l) => l.variant_name)].filter((s) => s.trim().length > 0);
}

/**
 * Audit an image the user brings (CLI `mobius audit`, drag-and-drop): measure
 * it in the audit worker, ask the model when online, merge, then store the
 * image as an imported Asset with its audit. A bad image throws before
 * anything is written, so it leaves no file and no row behind.
 */
export async function auditImageFile(input: AuditImageFileInput): Promise<AuditImageFileResult> {
  const { store } = input;
  const brand = store.brands.require(input.brandId);
  const guidelines = brand.guidelines;
  const threshold = input.threshold ?? thresholdFrom(store);
  const bytes = await readImage(input);
  const auditor = input.auditor ?? sharedPixelAuditor();
  const measured = await auditor.measure(bytes, guidelines, { ocr: input.ocr ?? true, logotypes: logotypesOf(brand) });
  const pixel = buildPixelScore(measured, guidelines, { brandVersion: brand.version, threshold });

  let score: ComplianceScore;
  let cost = { tokens: 0, usd: 0 };
  if (input.offline || !input.gemini) {
    const note = input.offline
      ? 'Offline: typography, logo usage and the rest of layout were not assessed; colours and contrast were measured from pixels.'
      : 'No Gemini key: typography, logo usage and the rest of layout were not assessed; colours and contrast were measured from pixels.';
    score = { ...pixel, errors: [...pixel.errors, { code: input.offline ? 'OFFLINE' : 'GEMINI_NOT_CONFIGURED', message: note, category: null }] };
  } else {
    const { cost: modelCost, ...model } = await input.gemini.auditCompliance({ bytes, mime: measured.source.mime }, guidelines, {
      pixelEvidence: pixelEvidenceForPrompt(measured),
      brandVersion: brand.version,
      measured: pixel.measured,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    score = mergeAudit(pixel, model, threshold);
    cost = { tokens: modelCost.tokens, usd: modelCost.usd };
  }

  const ext = EXT_BY_MIME[measured.source.mime] ?? 'bin';
  return store.putFileThen(bytes, ext, measured.source.mime, (file) => {
    const asset = store.assets.create({
      brand_id: brand.brand_id,
      brand_version: brand.version,
      origin: 'imported',
      sha256: file.sha256,
      mime: measured.source.mime,
      width: measured.source.width,
      height: measured.source.height,
      compliance: score,
      compliance_score: score.overall_score,
      status: score.approved ? 'approved' : 'needs_review',
      cost,
    });
    const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: brand.version, compliance: score });
    return { asset, score, audit };
  });
}

export interface FindingDecisionInput {
  store: Store;
  assetId: string;
  violationId: string;
  threshold?: number;
}

function decide(input: FindingDecisionInput, rescore: (score: ComplianceScore, threshold: number) => ComplianceScore): AuditImageFileResult {
  const { store } = input;
  const threshold = input.threshold ?? thresholdFrom(store);
  return store.transaction(() => {
    const asset = store.assets.require(input.assetId);
    const latest = store.audits.latestForAsset(asset.asset_id);
    const current = latest?.compliance ?? asset.compliance;
    if (!current) throw new MobiusError('VALIDATION', 'This image has not been audited yet.', { asset_id: asset.asset_id });
    const known = current.categories.some((c) => c.violations.some((v) => v.id === input.violationId));
    if (!known) throw new MobiusError('VALIDATION', `The audit has no finding with id "${input.violationId}".`, { violation_id: input.violationId });
    const score = rescore(current, threshold);
    const updated = store.assets.update(asset.asset_id, {
      compliance: score,
      compliance_score: score.overall_score,
      ...(asset.status === 'approved' || asset.status === 'needs_review' || asset.status === 'pending'
        ? { status: score.approved ? 'approved' : 'needs_review' }
        : {}),
    });
    const audit = store.audits.create({ asset_id: asset.asset_id, brand_version: latest?.brand_version ?? asset.brand_version, compliance: score });
    return { asset: updated, score, audit };
  });
}

/** Dismiss a finding on an asset's latest audit; the re-scored audit is stored as a new audit row. */
export function dismissAssetFinding(input: FindingDecisionInput & { reason: 'incorrect_assessment' | 'not_applicable' }): AuditImageFileResult {
  return decide(input, (score, threshold) => dismissFinding(score, input.violationId, input.reason, threshold));
}

export function restoreAssetFinding(input: FindingDecisionInput): AuditImageFileResult {
  return decide(input, (score, threshold) => restoreFinding(score, input.violationId, threshold));
}
