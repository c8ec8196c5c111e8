import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { NormalizedBox } from '../../../shared/schema';
import type { LogoVariant } from '../../../shared/vocab/logos';
import type { PageEvidence } from './evidence-types';
import { logoPageRole, type LogoPageRole } from './logo-candidates';
import { pickLogos } from './logo-rank';
import { DEFAULT_RENDER_BUDGET, cropPng, renderLogoCandidates, type RenderBudget, type RenderedCandidate, type SearchedPage } from './logo-render';

/** A logo file read from the PDF, ready to store: what the evidence worker hands back. */
export interface ExtractedLogo {
  png: Uint8Array;
  width: number;
  height: number;
  page: number;
  box: NormalizedBox;
  source: 'vector' | 'raster';
  variant: LogoVariant;
  confidence: number;
}

/** Pages searched at most: the cover, pages about the logo and the pages that continue them. */
const MAX_PAGES = 12;

/**
 * Logo candidates gathered while the evidence worker reads the PDF (docs/ARCHITECTURE.md,
 * "Logos"): `consider` notes which pages to search as they are read, `render` finds and draws the
 * candidates before the document closes, `pick` chooses the files once the palette is known.
 */
export class LogoCollector {
  private readonly pages: SearchedPage[] = [];
  private previous: LogoPageRole | null = null;
  private rendered: RenderedCandidate[] = [];

  constructor(private readonly budget: RenderBudget = DEFAULT_RENDER_BUDGET) {}

  consider(page: PageEvidence): void {
    const role = logoPageRole(page, this.previous);
    this.previous = role;
    if (role && this.pages.length < MAX_PAGES) this.pages.push({ evidence: page, role });
  }

  async render(doc: PdfJsModule.PDFDocumentProxy, ops: Record<string, number>): Promise<void> {
    this.rendered = await renderLogoCandidates(doc, this.pages, ops, this.budget);
  }

  /** The logo files kept, best first per variant (only these are encoded as PNG). */
  async pick(palette: readonly string[], brandName: string | null): Promise<ExtractedLogo[]> {
    const picked = pickLogos(this.rendered, palette, brandName);
    const pngs = await Promise.all(picked.map(({ candidate }) => cropPng(candidate)));
    return picked.map(({ candidate: c, variant, confidence }, i) => ({
      png: pngs[i]!,
      width: c.width,
      height: c.height,
      page: c.page,
      box: c.box,
      source: c.source,
      variant,
      confidence,
    }));
  }
}
