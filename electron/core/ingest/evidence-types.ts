import type { NormalizedBox } from '../../../shared/schema';

/** One run of text as pdf.js reports it, positioned on the page (top-left origin, 0..1). */
export interface TextEvidence {
  str: string;
  box: NormalizedBox;
  /** Font size in PDF points. */
  size: number;
  /** pdf.js style id of the run's font (groups runs set in the same font); weak evidence only. */
  font: string;
}

/** A filled vector shape with a solid colour. */
export interface FillEvidence {
  hex: string;
  box: NormalizedBox;
  /** Painted area as a fraction of the page (bounding box area, clipped to the page). */
  area: number;
  /** Whether the path is a plain rectangle (a typical swatch). */
  rect: boolean;
}

export interface ImageEvidence {
  box: NormalizedBox;
}

export interface PageEvidence {
  page: number;
  width: number;
  height: number;
  texts: TextEvidence[];
  fills: FillEvidence[];
  images: ImageEvidence[];
  /** True when the operator list was cut short by the per-page budget. */
  truncated: boolean;
}

export interface DocumentEvidence {
  pageCount: number;
  pages: PageEvidence[];
  /** Human-readable notes about budgets hit or pages that could not be read. */
  warnings: string[];
}
