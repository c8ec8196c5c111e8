import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Brand, ComplianceScore } from '../../../shared/schema';
import type { Settings } from '../../../shared/schema/settings';
import { approvalThreshold } from '../../../shared/scoring';
import type { ModelAccess as GeminiAccess, ModelUnavailable } from '../gemini/access';
import type { GeminiClient } from '../gemini/client';
import type { CallCost } from '../gemini/types';
import type { SourceInfo } from './decode';
import { mergeAudit, pixelEvidenceForPrompt } from './merge';
import { failedModelAudit, scoreModelAudit } from './model-score';
import type { LogoTemplateInput } from './logo/template';
import type { PixelAuditor } from './pixel-audit';
import { buildPixelScore } from './score';

/** The model the audit may ask, or why there is none. */
export type ModelAccess = GeminiAccess<Pick<GeminiClient, 'auditImage'>>;

/** The note a pixel-only score carries, per reason: the one wording, wherever the audit ran (the logo is measured when the brand has a logo file). */
function pixelOnlyNote(reason: ModelUnavailable, logoMeasured: boolean): string {
  const why = reason === 'OFFLINE' ? 'Offline' : 'No Gemini key';
  return logoMeasured
    ? `${why}: typography and the rest of layout were not assessed; colours, contrast and the logo were measured from pixels.`
    : `${why}: typography, logo usage and the rest of layout were not assessed; colours and contrast were measured from pixels.`;
}

export type AuditStage = 'measuring' | 'assessing';

export interface AuditRunOptions {
  /** Absent: audited as if no key were set. */
  gemini?: ModelAccess;
  /** The brand version the score is for (a job audits against the version it started with); default the brand's current one. */
  brandVersion?: number;
  signal?: AbortSignal;
  onProgress?: (stage: AuditStage) => void;
}

export type ModelOutcome = { status: 'assessed' } | { status: 'skipped'; reason: ModelUnavailable } | { status: 'failed'; error: MobiusError };

export interface AuditOutcome {
  score: ComplianceScore;
  /** What the model call cost (zero without one). */
  cost: CallCost;
  /** The image as decoded for measuring. */
  image: SourceInfo;
  /** Whether the model assessed the image; a caller that must not accept a partial score checks `failed`. */
  model: ModelOutcome;
}

export interface AuditPipelineOptions {
  auditor: PixelAuditor;
  settings: { get(): Pick<Settings, 'compliance_threshold'> };
  /** Measure text contrast with OCR (default true). */
  ocr?: boolean;
  /** The brand's logo files in use, for the audit to find and check (default: none). */
  logoFiles?: (brand: Brand) => Promise<LogoTemplateInput[]>;
}

const NO_COST: CallCost = { tokens: 0, usd: 0 };

/** Brand and logo names: text that matches them is a logotype (WCAG exempts it from contrast minimums). */
function logotypesOf(brand: Brand): string[] {
  return [brand.name, ...brand.guidelines.logos.map((l) => l.variant_name)].filter((s) => s.trim().length > 0);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MobiusError('CANCELLED', 'The audit was cancelled.');
}

/**
 * The one audit pipeline (docs/ARCHITECTURE.md, "Data flow"): measure pixels in
 * the audit worker → pixel score → the model's audit grounded by the
 * measurements (when there is a model) → merge → one ComplianceScore. Every
 * audit runs through it — a dropped-in image, a re-audit, each generation
 * attempt — and callers only store its result. It alone reads the approval
 * threshold, writes the pixel-only note and chooses the grounding evidence.
 */
export class AuditPipeline {
  private readonly ocr: boolean;

  constructor(private readonly o: AuditPipelineOptions) {
    this.ocr = o.ocr ?? true;
  }

  /** The approval threshold (0–100) audits are scored against right now. */
  threshold(): number {
    return approvalThreshold(this.o.settings.get());
  }

  async audit(brand: Brand, bytes: Uint8Array, options: AuditRunOptions = {}): Promise<AuditOutcome> {
    throwIfAborted(options.signal);
    const threshold = this.threshold();
    const brandVersion = options.brandVersion ?? brand.version;
    options.onProgress?.('measuring');
    const logos = (await this.o.logoFiles?.(brand)) ?? [];
    const measured = await this.o.auditor.measure(bytes, brand.guidelines, { ocr: this.ocr, logotypes: logotypesOf(brand), logos });
    throwIfAborted(options.signal);
    const pixel = buildPixelScore(measured, brand.guidelines, { brandVersion, threshold });
    const image = measured.source;
    const access: ModelAccess = options.gemini ?? { client: null, reason: 'GEMINI_NOT_CONFIGURED' };
    if (!access.client) {
      const note = { code: access.reason, message: pixelOnlyNote(access.reason, measured.logo.status !== 'skipped'), category: null };
      return { score: { ...pixel, errors: [...pixel.errors, note] }, cost: NO_COST, image, model: { status: 'skipped', reason: access.reason } };
    }
    options.onProgress?.('assessing');
    try {
      const { audit, cost } = await access.client.auditImage({ bytes, mime: image.mime }, brand.guidelines, {
        pixelEvidence: pixelEvidenceForPrompt(measured),
        brandId: brand.brand_id,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const model = scoreModelAudit(audit, { threshold, brandVersion });
      // Say what the model saw: a converted or downscaled copy is part of the audit's record.
      return { score: { ...mergeAudit(pixel, model, threshold), model_input: audit.input ?? null }, cost, image, model: { status: 'assessed' } };
    } catch (error) {
      if (isMobiusError(error) && error.code === 'CANCELLED') throw error;
      // Graceful degradation (correctness property 20): the pixel score stands, annotated with why the model is missing.
      const failure = isMobiusError(error) ? error : new MobiusError('INTERNAL', error instanceof Error ? error.message : String(error));
      const spent = failure.details?.['cost_usd'];
      const model = failedModelAudit(failure.code, failure.message, { threshold, brandVersion });
      return {
        score: mergeAudit(pixel, model, threshold),
        cost: { tokens: 0, usd: typeof spent === 'number' ? spent : 0 },
        image,
        model: { status: 'failed', error: failure },
      };
    }
  }
}
