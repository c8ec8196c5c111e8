import type { DocumentEvidence, PageEvidence } from './evidence-types';
import { headings, type TextLine } from './text-lines';

/** A page with its text read into lines: what the colour, type, rule and brand-name extractors read. */
export interface PageText {
  page: PageEvidence;
  lines: TextLine[];
  /** The page's title-like headings, largest first. */
  headings: TextLine[];
}

export function pageTexts(doc: DocumentEvidence, buildLines: (p: PageEvidence) => TextLine[]): PageText[] {
  return doc.pages.map((page) => {
    const lines = buildLines(page);
    const heads = headings(lines).sort((a, b) => b.size - a.size || a.box.y - b.box.y);
    return { page, lines, headings: heads };
  });
}
