import { BrandGuidelines } from '../../../shared/schema';
import type { DocumentEvidence } from './evidence-types';
import { extractBrandName, type BrandName } from './brand-name';
import { extractColors, pageTexts } from './colors';
import { extractLogoRules, extractRules, extractVoice } from './rules';
import { buildLines } from './text-lines';
import { extractTypography } from './typography';

export interface LocalExtraction {
  guidelines: BrandGuidelines;
  /** What a person should confirm: inferred roles, skipped values, budget notes. */
  needs_review: string[];
  /** True when no page had a text layer (outlined text): only painted colours could be read. */
  textless: boolean;
  /** The brand's own name as the document gives it (null: the file name is the fallback). */
  brand_name: string | null;
  brand_name_source: BrandName['source'] | null;
}

export const OUTLINED_TEXT_WARNING =
  'This PDF has no readable text (its text is outlined or scanned), so only painted colours could be read. Check the palette, and add typefaces and rules by hand.';

/** Turn the PDF evidence into brand guidelines, with confidence and provenance on each value. Pure. */
export function extractLocal(evidence: DocumentEvidence, sourceFilename: string | null = null, now = new Date()): LocalExtraction {
  const pages = pageTexts(evidence, buildLines);
  const textless = pages.every((p) => p.lines.length === 0);
  const colors = extractColors(evidence, pages);
  const typography = extractTypography(pages);
  const brand = extractBrandName(pages, evidence.title);
  const guidelines = BrandGuidelines.parse({
    colors: colors.colors,
    ...(colors.gradients.length > 0 ? { gradients: colors.gradients } : {}),
    typography: typography.typography,
    logos: extractLogoRules(pages),
    voice: extractVoice(pages),
    rules: extractRules(pages),
    source_filename: sourceFilename,
    ingested_at: now.toISOString(),
  });
  const needs_review = [...evidence.warnings, ...colors.review, ...typography.review];
  if (textless) needs_review.unshift(OUTLINED_TEXT_WARNING);
  const ocred = evidence.pages.filter((p) => p.ocr).map((p) => p.page);
  if (ocred.length > 0) {
    needs_review.unshift(`Page${ocred.length > 1 ? 's' : ''} ${ocred.join(', ')} ha${ocred.length > 1 ? 've' : 's'} no text layer (outlined or scanned); their text was read by OCR — check the names and values read from ${ocred.length > 1 ? 'them' : 'it'}.`);
  }
  if (guidelines.colors.length === 0) needs_review.push('No brand colours were found in this PDF.');
  return { guidelines, needs_review, textless, brand_name: brand?.name ?? null, brand_name_source: brand?.source ?? null };
}
