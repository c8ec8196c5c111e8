import type { PageText } from './colors';
import { fold, mentionsSection, onlyVocabulary } from './vocabulary';

/** The brand's own name, and where it was read. */
export interface BrandName {
  name: string;
  source: 'title' | 'cover' | 'text';
  page: number | null;
}

/** Words that name the kind of document, not the brand, in the supported languages. */
const DOCUMENT_WORDS =
  /\b(brand|brands|branding|guidelines?|guide|guidebook|book|style ?guide|styleguide|standards?|manual|identity|identities|visual|corporate|design|designs|system|toolkit|handbook|logo|logos|logotype|usage|guidance|principles|overview|version|v\d+(?:\.\d+)*|final|draft|print|web|export|edition|20\d\d|19\d\d|cd|ci|markenrichtlinien|markenhandbuch|gestaltungsrichtlinien|richtlinien|handbuch|charte|graphique|guide|de|marque|manual|marca|identidad|identidade|manuale|linee|guida|guida|marchio|identità|huisstijl|huisstijlgids|merkrichtlijnen|richtlijnen|grafisk|profil|profilmanual|varumärkesmanual|designmanual|brandguide|profilhåndbok|håndbok|manuel|guia|guía|manuale|linee|brandbook|der|die|das|la|le|les|el|il|do|da|des|del|van|het|för|for|og|och|and|the|of|our|a|an|by|copyright|all|rights|reserved|inc|llc|ltd|gmbh|ag|bv|ab|oy|sa|srl|updated|page|pages)\b/giu;
const JUNK_TITLE = /^(?:\(?anonymous\)?|(?:untitled|document\d*|doc\d*|microsoft (?:word|powerpoint)|presentation\d*|new document|adobe|layout \d+|print|indd|artboard|page \d+)\b)|\.(docx?|pptx?|indd|ai|pdf|key|pages|sketch|fig)\b/i;

function clean(text: string): string {
  return text
    .replace(/[_]+/g, ' ')
    .replace(/(?<=\p{Ll})-(?=\p{Lu})|(?<=\p{L})-(?=\p{L}{2,})/gu, ' ')
    .replace(DOCUMENT_WORDS, ' ')
    .replace(/[–—|:•·,()[\]"“”'’]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A brand name candidate: 1–4 words, mostly letters, not a section word. */
function plausible(name: string): boolean {
  const words = name.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 4 || name.length > 40 || name.length < 2) return false;
  if (!/\p{L}{2,}/u.test(name) || /^\d/.test(name)) return false;
  if (onlyVocabulary(name) || mentionsSection(name, 'typography') || mentionsSection(name, 'colors')) return false;
  return true;
}

/** Title metadata, when it names something other than the document itself ("Untitled", "Microsoft Word - x.docx"). */
export function nameFromTitle(title: string | null | undefined): string | null {
  if (!title || JUNK_TITLE.test(title.trim())) return null;
  const name = clean(title);
  return plausible(name) ? name : null;
}

const cap = (word: string) => (word === word.toUpperCase() && word.length > 4 ? word[0] + word.slice(1).toLowerCase() : word);

/**
 * The brand's name: meaningful PDF Title metadata, else the cover's largest text (when it is not
 * just "Brand Guidelines"), else the capitalised word the document repeats most in its headings
 * and text. Null when none is convincing (the caller falls back to the file name).
 */
export function extractBrandName(pages: PageText[], title: string | null | undefined): BrandName | null {
  const fromTitle = nameFromTitle(title);
  // A title that the text never mentions may be a template's; still the best evidence there is.
  if (fromTitle) return { name: fromTitle, source: 'title', page: null };

  const allText = fold(pages.flatMap((p) => p.lines.map((l) => l.text)).join(' \n '));
  const mentions = (name: string) => allText.split(fold(name)).length - 1;
  const cover = pages[0];
  let fromCover: BrandName | null = null;
  if (cover && cover.lines.length > 0) {
    const bySize = [...cover.lines].sort((a, b) => b.size - a.size);
    for (const line of bySize.slice(0, 3)) {
      if (line.size < bySize[0]!.size * 0.75) break;
      const name = clean(line.text);
      if (plausible(name)) {
        fromCover = { name: name.split(' ').map(cap).join(' '), source: 'cover', page: cover.page.page };
        break;
      }
    }
  }
  // The cover's largest text names the brand when the document repeats it (a one-off is a slogan or an artefact).
  if (fromCover && mentions(fromCover.name) >= 2) return fromCover;

  // The proper noun repeated most across pages (brand names are capitalised mid-sentence too).
  const counts = new Map<string, { word: string; pages: Set<number>; n: number; inside: number }>();
  for (const p of pages) {
    for (const line of p.lines) {
      for (const m of line.text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}’'&-]{2,})(?![\p{L}\p{N}])/gu)) {
        const word = m[1]!.replace(/[’']s$/, '');
        if (DOCUMENT_WORDS.test(word)) {
          DOCUMENT_WORDS.lastIndex = 0;
          continue;
        }
        DOCUMENT_WORDS.lastIndex = 0;
        if (!plausible(word)) continue;
        const key = fold(word);
        const entry = counts.get(key) ?? { word: cap(word), pages: new Set(), n: 0, inside: 0 };
        entry.pages.add(p.page.page);
        entry.n += 1;
        if (m.index > 0) entry.inside += 1;
        counts.set(key, entry);
      }
    }
  }
  // Capitalised mid-sentence at least once: a proper noun, not a sentence's first word.
  const best = [...counts.values()].filter((c) => c.inside > 0).sort((a, b) => b.pages.size - a.pages.size || b.n - a.n)[0];
  if (best && best.n >= 3 && best.pages.size >= Math.min(2, pages.length)) return { name: best.word, source: 'text', page: null };
  return fromCover;
}
