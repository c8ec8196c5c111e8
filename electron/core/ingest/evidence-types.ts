import type { NormalizedBox } from '../../../shared/schema';

/** One run of text as pdf.js reports it, positioned on the page (top-left origin, 0..1). */
export interface TextEvidence {
  str: string;
  box: NormalizedBox;
  /** Font size in PDF points. */
  size: number;
  /** pdf.js style id of the run's font (groups runs set in the same font); weak evidence only. */
  font: string;
  /** The embedded font's PostScript name ("ABCDEF+Lato-Bold"), when the PDF gives one. */
  fontName?: string;
  /** Recognised by OCR on a rendered page (no text layer there). */
  ocr?: boolean;
}

/** A filled vector shape with a solid colour. */
export interface FillEvidence {
  hex: string;
  box: NormalizedBox;
  /** Painted area as a fraction of the page (bounding box area, clipped to the page). */
  area: number;
  /** Whether the path is a plain rectangle (a typical swatch). */
  rect: boolean;
  /** Share of the bounding box the path covers (1 for a rectangle, ~0.79 for a circle, low for glyphs). */
  coverage?: number;
  /** Found in the pixels of a rendered page (a scanned or flattened swatch), not in the vector drawing. */
  raster?: boolean;
}

/** An area painted with a gradient (a PDF shading): its box and its colour stops in order. */
export interface ShadingEvidence {
  box: NormalizedBox;
  stops: string[];
  /** Direction in degrees (0 = left to right, 90 = bottom to top) for axial shadings. */
  angle: number | null;
  radial: boolean;
}

export interface ImageEvidence {
  box: NormalizedBox;
}

/** One painting operator of a page: its index in the page's operator list, what it paints and where. */
export interface PaintMark {
  op: number;
  kind: 'fill' | 'stroke' | 'image' | 'shading';
  box: NormalizedBox;
  /** Solid fill colour ("#RRGGBB"), null for strokes, images and gradients. */
  hex: string | null;
  /** A plain rectangle (swatch, panel, rule). */
  rect: boolean;
  /** Share of its box a fill covers (1 for a rectangle). */
  coverage?: number;
}

export interface PageEvidence {
  page: number;
  width: number;
  height: number;
  texts: TextEvidence[];
  fills: FillEvidence[];
  images: ImageEvidence[];
  shadings?: ShadingEvidence[];
  /** True when the operator list was cut short by the per-page budget. */
  truncated: boolean;
  /** The page had no text layer and was rendered and read by OCR. */
  ocr?: boolean;
}

export interface DocumentEvidence {
  pageCount: number;
  pages: PageEvidence[];
  /** Human-readable notes about budgets hit or pages that could not be read. */
  warnings: string[];
  /** The document information Title (or XMP dc:title), as written by the exporting app. */
  title?: string | null;
}
