import type { BrandGuidelines } from '../../../shared/schema';
import { decodeForAnalysis, type DecodedImage } from './decode';
import { detectForbiddenPairs, FORBIDDEN_PAIR_CELL, forbiddenPairsOf } from './forbidden-pairs';
import { measurePixels, type MeasureOptions } from './measure';
import { paletteOf } from './palette';
import type { AuditMeasurements, TextContrast } from './types';

export interface AnalyseOptions {
  measure?: Partial<MeasureOptions>;
  /** Run OCR for text contrast (slower; off in the pixel-only fast path). */
  ocr?: boolean;
  /** Brand and logo names: text that matches them is a logotype (WCAG exempts it). */
  logotypes?: string[];
  maxSide?: number;
}

export type TextMeasurer = (image: DecodedImage, logotypes: readonly string[]) => Promise<TextContrast[]>;

/** Decode + every pixel measurement. Runs in the audit worker; pure apart from sharp. */
export async function analyseImage(
  bytes: Uint8Array,
  guidelines: Pick<BrandGuidelines, 'colors' | 'rules'>,
  options: AnalyseOptions = {},
  measureText?: TextMeasurer,
): Promise<AuditMeasurements> {
  const decoded = await decodeForAnalysis(bytes, options.maxSide);
  return analyseDecoded(decoded, guidelines, options, measureText);
}

export async function analyseDecoded(
  decoded: DecodedImage,
  guidelines: Pick<BrandGuidelines, 'colors' | 'rules'>,
  options: AnalyseOptions = {},
  measureText?: TextMeasurer,
): Promise<AuditMeasurements> {
  const palette = paletteOf(guidelines);
  const pairs = forbiddenPairsOf(guidelines, palette);
  // With forbidden pairs to look for, their cells are tallied in the measurement's pixel pass.
  const { index, ...measured } = measurePixels(decoded, palette, options.measure, pairs.length > 0 ? { familyCellSize: FORBIDDEN_PAIR_CELL } : {});
  const forbidden = detectForbiddenPairs(decoded, index, palette, pairs, measured.tolerances.family, FORBIDDEN_PAIR_CELL);
  let text: AuditMeasurements['text'] = { status: 'skipped', regions: [] };
  if (options.ocr && measureText) {
    try {
      text = { status: 'measured', regions: await measureText(decoded, options.logotypes ?? []) };
    } catch (error) {
      text = { status: 'failed', regions: [], note: `Text recognition failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return {
    ...measured,
    source: decoded.source,
    transparent_share: Math.round(decoded.transparent_share * 1e4) / 1e4,
    checkerboard: decoded.checkerboard,
    forbidden_pairs: forbidden,
    text,
  };
}
