import { hexToRgb } from '../../../shared/color';
import type { BrandGuidelines, LogoEvidence } from '../../../shared/schema';
import type { TextEvidence } from '../../../shared/schema/audit-evidence';
import { decodeForAnalysis, type DecodedImage } from './decode';
import { detectForbiddenPairs, FORBIDDEN_PAIR_CELL } from './forbidden-pairs';
import { measureLogo, type LogoTemplateInput } from './logo';
import { DEFAULT_MEASURE_OPTIONS, measurePixels, type MeasureOptions } from './measure';
import { pageColour, paletteOf } from './palette';
import { checkScopedRules, scopedRules } from './rule-checks';
import { analyseSurfaces, onPhotographic } from './surfaces';
import { measureTextContrast } from './text-contrast';
import type { AuditMeasurements } from './types';

export interface AnalyseOptions {
  measure?: Partial<MeasureOptions>;
  /** Find text lines from pixel structure and measure their contrast (default on). */
  text?: boolean;
  /** Also read each text line with OCR to label it (slower; contrast never depends on it). */
  ocr?: boolean;
  /** Brand and logo names: text that reads as one of them is a logotype (WCAG exempts it). */
  logotypes?: string[];
  maxSide?: number;
  /** The brand's logo files in use: the audit finds the logo and checks it (none: nothing is spent). */
  logos?: LogoTemplateInput[];
}

/** What the audit reads of the guidelines. */
export type AuditGuidelines = Pick<BrandGuidelines, 'colors' | 'rules'> & Partial<Pick<BrandGuidelines, 'logos'>>;

/** Decode + every pixel measurement. Runs in the audit worker; pure apart from sharp (and OCR for labels). */
export async function analyseImage(bytes: Uint8Array, guidelines: AuditGuidelines, options: AnalyseOptions = {}): Promise<AuditMeasurements> {
  const decoded = await decodeForAnalysis(bytes, options.maxSide, hexToRgb(pageColour(paletteOf(guidelines))));
  return analyseDecoded(decoded, guidelines, options);
}

export async function analyseDecoded(decoded: DecodedImage, guidelines: AuditGuidelines, options: AnalyseOptions = {}): Promise<AuditMeasurements> {
  const palette = paletteOf(guidelines);
  const rules = scopedRules(guidelines, palette);
  const tolerances = { ...DEFAULT_MEASURE_OPTIONS, ...options.measure };
  // The surfaces (regime, drift) are judged from samples the measurement's pixel pass takes; with
  // adjacency rules to check, their cells are tallied in that pass too.
  const { index, surfaces: analysed, ...measured } = measurePixels(decoded, palette, options.measure, {
    surfaces: (samples) => analyseSurfaces(decoded, palette, tolerances.exactTolerance, tolerances.familyTolerance, samples),
    ...(rules.pairs.length > 0 ? { familyCellSize: FORBIDDEN_PAIR_CELL } : {}),
  });
  const surfaces = analysed!;
  const forbidden = detectForbiddenPairs(decoded, index, palette, rules.pairs, measured.tolerances.family, FORBIDDEN_PAIR_CELL);
  let text: TextEvidence = { status: 'skipped', method: 'structure', regions: [], note: 'Text contrast was not measured (text analysis off).' };
  if (options.text !== false) {
    const found = await measureTextContrast(decoded, index, { recognise: options.ocr ?? false, logotypes: options.logotypes ?? [] });
    for (const r of found.regions) if (onPhotographic(surfaces.cells, r.box, decoded.width, decoded.height)) r.background_kind = 'photographic';
    text = { status: 'measured', method: 'structure', regions: found.regions, note: found.label_note };
  }
  const ruleHits = checkScopedRules(rules, palette, { texts: text.regions, background: measured.background, colors: measured.colors, familyTolerance: measured.tolerances.family });
  const logo: LogoEvidence = await measureLogo(decoded, options.logos ?? [], { logos: guidelines.logos ?? [], rules: guidelines.rules }, palette, measured.tolerances.family);
  return {
    ...measured,
    source: decoded.source,
    transparent_share: Math.round(decoded.transparent_share * 1e4) / 1e4,
    checkerboard: decoded.checkerboard,
    forbidden_pairs: forbidden,
    regime: surfaces.regime,
    drift: surfaces.drift,
    drift_share: surfaces.drift_share,
    exact_flat_share: surfaces.exact_flat_share,
    text,
    rule_hits: ruleHits,
    rules: rules.applications,
    logo,
  };
}
