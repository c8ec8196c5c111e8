import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Brand, BrandGuidelinesInput } from '../../../shared/schema';
import { unclearRuleNotes, withRuleScopes } from '../../../shared/rule-scope';
import { compileTwin } from '../../../shared/twin';
import { fileUri, type Store } from '../store';
import { runLocalExtraction } from './collect-evidence';
import type { EvidenceBudget } from './pdf-evidence';
import { OUTLINED_TEXT_WARNING, type LocalExtraction } from './extract';
import { attachExtractedLogos, logoReviewNote } from './logo-files';
import { refineWithModel } from './refine';

export const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** What the model sees of the local reading (compact: values and where they came from). */
export interface LocalEvidenceSummary {
  colors: { hex: string; name: string; usage: string; confidence: number; pages: number[] }[];
  gradients: { name: string; stops: string[] }[];
  typography: string[];
  page_count: number;
}

/** The seam to GeminiClient.extractGuidelines (electron/core/gemini). */
export interface GuidelineModel {
  extractGuidelines(pdfBytes: Uint8Array, context: { localEvidence: LocalEvidenceSummary; filename: string }): Promise<BrandGuidelinesInput>;
}

export type IngestStage = 'validating' | 'reading' | 'extracting' | 'refining' | 'saving' | 'done';

export interface IngestProgress {
  stage: IngestStage;
  /** 0..100 over the whole ingestion. */
  percent: number;
  page?: number;
  page_count?: number;
}

export interface IngestOptions {
  store: Store;
  filePath?: string;
  bytes?: Uint8Array;
  /** Brand name; defaults to the name the document gives the brand, else the file name without ".pdf". */
  name?: string;
  /** Skip the model even when one is given. */
  offline?: boolean;
  gemini?: GuidelineModel | null;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  budget?: Partial<EvidenceBudget>;
}

export interface IngestResult {
  brand: Brand;
  /** Notes for the person importing (also in brand.needs_review). */
  warnings: string[];
  /** Whether the model refined the local reading. */
  refined: boolean;
}

function checkHeader(bytes: Uint8Array): void {
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024))).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new MobiusError('INVALID_FILE_TYPE', 'This file is not a PDF (it does not start with a PDF header). Choose the brand guidelines exported as PDF.');
  }
  // pdf.js would salvage a few pages of a cut-off download; a half brand is worse than a clear error.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 4096))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new MobiusError('INVALID_PDF', 'This PDF is incomplete (the end of the file is missing). Download or export it again, then import the new copy.');
  }
}

async function loadBytes(options: IngestOptions): Promise<{ bytes: Uint8Array; filename: string }> {
  if (options.bytes) return { bytes: options.bytes, filename: options.name ? `${options.name}.pdf` : 'guidelines.pdf' };
  if (!options.filePath) throw new MobiusError('VALIDATION', 'Give a PDF file to import.');
  let size: number;
  try {
    size = (await stat(options.filePath)).size;
  } catch {
    throw new MobiusError('VALIDATION', `The file ${basename(options.filePath)} could not be opened.`);
  }
  // Refuse before reading: a huge file should not be pulled into memory.
  if (size > MAX_PDF_BYTES) throw tooLarge(size);
  return { bytes: new Uint8Array(await readFile(options.filePath)), filename: basename(options.filePath) };
}

const tooLarge = (size: number) =>
  new MobiusError('FILE_TOO_LARGE', `This PDF is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 50 MB. Export a lighter version (compressed images) and try again.`, { size, limit: MAX_PDF_BYTES });

function summarise(local: LocalExtraction, pageCount: number): LocalEvidenceSummary {
  return {
    colors: local.guidelines.colors.map((c) => ({ hex: c.hex, name: c.name, usage: c.usage, confidence: c.confidence, pages: [...new Set(c.provenance.map((p) => p.page))] })),
    gradients: (local.guidelines.gradients ?? []).map((g) => ({ name: g.name, stops: g.stops.map((s) => s.hex) })),
    typography: local.guidelines.typography.map((t) => t.family),
    page_count: pageCount,
  };
}

/**
 * Import a brand-guidelines PDF: validate, read the evidence in a worker, extract locally,
 * refine with the model when online, then store the PDF and the brand (version 1 with its
 * compressed twin) together — a failure at any step leaves neither behind.
 */
export async function ingestPdf(options: IngestOptions): Promise<IngestResult> {
  const progress = (p: IngestProgress) => options.onProgress?.(p);
  const throwIfAborted = () => {
    if (options.signal?.aborted) throw new MobiusError('CANCELLED', 'Import cancelled.');
  };
  progress({ stage: 'validating', percent: 0 });
  const { bytes, filename } = await loadBytes(options);
  if (bytes.length > MAX_PDF_BYTES) throw tooLarge(bytes.length);
  checkHeader(bytes);
  throwIfAborted();

  progress({ stage: 'reading', percent: 5 });
  const run = await runLocalExtraction(bytes, {
    signal: options.signal,
    budget: options.budget,
    filename,
    onPage: (page, pageCount) => progress({ stage: 'reading', percent: 5 + Math.round((page / pageCount) * 70), page, page_count: pageCount }),
  });
  if (run.pageCount === 0 || run.pagesRead === 0 || run.empty) {
    throw new MobiusError('INVALID_PDF', 'This PDF has no pages with content to read. Check that it is the right file, or export it again from your design tool.');
  }
  throwIfAborted();

  progress({ stage: 'extracting', percent: 78 });
  let result = run.extraction;
  let refined = false;
  const modelWarnings: string[] = [];
  if (!options.offline && options.gemini) {
    progress({ stage: 'refining', percent: 82 });
    try {
      const model = await options.gemini.extractGuidelines(bytes, { localEvidence: summarise(result, run.pageCount), filename });
      throwIfAborted();
      const anchors = JSON.parse(new TextDecoder().decode(run.anchors)) as { pages: string[]; fonts: string[] };
      result = refineWithModel(result, model, { shown: new Set(run.shown), ...anchors });
      refined = true;
    } catch (error) {
      // Offline first: a model that is unreachable, rate-limited or confused never costs the designer the local twin.
      if (isMobiusError(error) && error.code === 'CANCELLED') throw error;
      throwIfAborted();
      const reason = isMobiusError(error) ? error.message : 'the model could not be reached';
      modelWarnings.push(`Gemini could not refine this brand, so its twin was extracted locally from the PDF only. ${reason}`);
    }
  }

  progress({ stage: 'saving', percent: 92 });
  // What each colour rule constrains is recorded once, so the audit checks it only within that scope.
  result = { ...result, guidelines: withRuleScopes(result.guidelines) };
  const name = options.name?.trim() || result.brand_name || filename.replace(/\.pdf$/i, '') || 'Untitled brand';
  throwIfAborted();
  // The PDF and the logo files found in it are stored with the brand, in one step.
  const files = [{ bytes, ext: 'pdf', mime: 'application/pdf' }, ...run.logos.map((l) => ({ bytes: l.png, ext: 'png', mime: 'image/png' }))];
  const brand = await options.store.putFilesThen(files, ([pdf, ...logoFiles]) => {
    const stored = run.logos.map((logo, i) => ({ logo, url: fileUri(logoFiles[i]!.sha256, logoFiles[i]!.ext) }));
    const guidelines = attachExtractedLogos(result.guidelines, stored);
    const compiled = compileTwin(guidelines);
    const needsReview = [...new Set([...result.needs_review, logoReviewNote(stored), ...modelWarnings, ...compiled.notes, ...unclearRuleNotes(guidelines)])];
    return options.store.brands.create({
      name,
      guidelines,
      compressed_twin: compiled.twin,
      needs_review: needsReview,
      pdf: { sha256: pdf!.sha256, ext: pdf!.ext },
      note: `Imported from ${filename}`,
    });
  });
  progress({ stage: 'done', percent: 100 });
  const warnings = [...(result.textless ? [OUTLINED_TEXT_WARNING] : []), ...run.warnings, ...modelWarnings];
  return { brand, warnings, refined };
}
