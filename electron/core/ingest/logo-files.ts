import { logoId, withLogoAdded } from '../../../shared/logos';
import type { BrandGuidelines } from '../../../shared/schema';
import type { ExtractedLogo } from './logo-collect';

/** A logo read from the PDF and the library URL its file was stored under. */
export interface StoredLogo {
  logo: ExtractedLogo;
  url: string;
}

/**
 * The guidelines with the logo files found in the PDF (docs/ARCHITECTURE.md, "Logos"): each is
 * unverified until a designer looks at it, carries its page and box, and shares the logo rules
 * read from the text. A logo URL that is not a library file (a model's guess) is dropped.
 */
export function attachExtractedLogos(guidelines: BrandGuidelines, stored: readonly StoredLogo[]): BrandGuidelines {
  let g: BrandGuidelines = { ...guidelines, logos: guidelines.logos.map((l) => (logoId(l) === null && l.url !== '' ? { ...l, url: '' } : l)) };
  // Added best last, so the best of each variant ends up first (in use).
  for (const { logo, url } of [...stored].reverse()) {
    g = withLogoAdded(g, {
      url,
      variant: logo.variant,
      provenance: [{ page: logo.page, bbox: logo.box, source: logo.source }],
      verified: false,
      confidence: logo.confidence,
    });
  }
  return g;
}

const NO_LOGO_NOTE = 'No logo was found in this PDF.';
const PICKED_NOTE = 'Mobius picked ';

/** What the designer is asked to check about the logo after an import. */
export function logoReviewNote(stored: readonly StoredLogo[]): string {
  if (stored.length === 0) {
    return `${NO_LOGO_NOTE} Add the logo file in the Logo section so generated images carry the real logo (without one, generation is told not to draw any logo).`;
  }
  const pages = [...new Set(stored.map((s) => s.logo.page))].sort((a, b) => a - b);
  return `${PICKED_NOTE}${stored.length} logo file${stored.length === 1 ? '' : 's'} from page${pages.length === 1 ? '' : 's'} ${pages.join(', ')} of the PDF. Check them in the Logo section: choose the primary and delete any wrong one.`;
}

/** The review notes once the logo files changed: a note is dropped when what it asked for is done. */
export function settleLogoNotes(notes: readonly string[], guidelines: BrandGuidelines): string[] {
  const files = guidelines.logos.filter((l) => logoId(l) !== null);
  return notes.filter((n) => {
    if (n.startsWith(NO_LOGO_NOTE)) return files.length === 0;
    if (n.startsWith(PICKED_NOTE) && n.includes(' logo file')) return files.some((l) => !l.verified);
    return true;
  });
}
