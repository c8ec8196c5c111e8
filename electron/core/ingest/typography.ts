import type { Provenance, Typography } from '../../../shared/schema';
import type { PageText } from './colors';
import { GENERIC_NAMES, KNOWN_FAMILIES } from './font-names';
import type { TextLine } from './text-lines';

const FONT_CONTEXT = /\b(fonts?|typefaces?|type ?families|font[- ]famil(y|ies)|typography|typographic|type|lettering|wordmark)\b/i;
const TYPO_PAGE = /\b(typography|typefaces?|fonts?|type ?families)\b/i;
const WEIGHTS = /\b(thin|hairline|extra ?light|ultra ?light|light|regular|normal|book|roman|medium|semi ?bold|demi ?bold|bold|extra ?bold|ultra ?bold|heavy|black|italic|\d00)\b/gi;
const USAGE = /\b(headlines?|headings?|titles?|display|body( copy| text)?|copy|captions?|ui|interface|code|monospaced?|wordmark|logo|print|digital|web|email)\b/gi;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KNOWN = [...KNOWN_FAMILIES].sort((a, b) => b.length - a.length).map((family) => ({
  family,
  re: new RegExp(`(?<![\\w-])${escape(family).replace(/ /g, '[ -]?')}(?![\\w-])`, 'i'),
}));

/** "typeface is Prime", "Primary font: Ideal Sans (Proprietary)", "font-family is “Lato”". */
const STATED = /\b(?:type ?face|font(?:[- ]family)?|typography)s?\b(?:\s+(?:is|are|will be|should be|used is|:))\s*[“"'‘]?([A-Z][\w'’-]*(?:[ -][A-Z0-9][\w'’-]*){0,3})/g;
const LABELLED = /\b(?:primary|secondary|brand|body|heading|headline|display|fallback|main|corporate|alternate|alternative|system|web|accent)\s+(?:font|typeface)s?\s*:\s*([^.;\n]+)/gi;

interface Found {
  family: string;
  strength: number;
  line: TextLine;
}

function splitFamilies(list: string): string[] {
  return list
    .replace(/\([^)]*\)/g, ' ')
    .split(/,|\bor\b|\band\b|\/|;|\|/)
    .map((s) => s.replace(/[“”"'‘’.]/g, '').trim())
    .map((s) => s.replace(WEIGHTS, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 1 && s.length <= 40 && /^[A-Z0-9]/.test(s) && s.split(' ').length <= 4 && !GENERIC_NAMES.test(s));
}

const canonical = (family: string) => KNOWN.find((k) => k.re.test(family) && family.length <= k.family.length + 1)?.family ?? family;

export function extractTypography(pages: PageText[]): { typography: Typography[]; review: string[] } {
  const found: Found[] = [];
  for (const pageText of pages) {
    const typoPage = pageText.lines.some((l) => TYPO_PAGE.test(l.text) && l.text.length < 60);
    const lines = pageText.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // A sentence may wrap: read the line with its neighbour below.
      const text = `${line.text} ${lines[i + 1]?.text ?? ''}`;
      for (const m of line.text.matchAll(LABELLED)) {
        for (const family of splitFamilies(m[1]!)) found.push({ family: canonical(family), strength: 0.9, line });
      }
      for (const m of line.text.matchAll(STATED)) {
        for (const family of splitFamilies(m[1]!)) found.push({ family: canonical(family), strength: 0.8, line });
      }
      const inFontSentence = FONT_CONTEXT.test(text);
      const specimen = typoPage && line.text.length <= 40;
      if (!inFontSentence && !specimen) continue;
      let rest = line.text;
      for (const { family, re } of KNOWN) {
        if (!re.test(rest)) continue;
        found.push({ family, strength: specimen && !inFontSentence ? 0.7 : 0.75, line });
        rest = rest.replace(re, ' ');
      }
    }
  }
  const byFamily = new Map<string, { family: string; strength: number; weights: Set<string>; usage: Set<string>; provenance: Provenance[] }>();
  for (const f of found) {
    const key = f.family.toLowerCase().replace(/[\s-]/g, '');
    const entry = byFamily.get(key) ?? { family: f.family, strength: 0, weights: new Set(), usage: new Set(), provenance: [] };
    entry.strength = Math.max(entry.strength, f.strength);
    for (const w of f.line.text.matchAll(WEIGHTS)) entry.weights.add(w[0].toLowerCase().replace(/\s+/g, ''));
    for (const u of f.line.text.matchAll(USAGE)) entry.usage.add(u[0].toLowerCase());
    if (/fallback/i.test(f.line.text)) entry.usage.add('fallback');
    if (entry.provenance.length < 5) entry.provenance.push({ page: f.line.page, bbox: f.line.box, source: 'text' });
    byFamily.set(key, entry);
  }
  const typography: Typography[] = [...byFamily.values()].map((e) => ({
    family: e.family,
    weights: [...e.weights].filter((w) => w !== 'italic'),
    usage: [...e.usage].join(', '),
    confidence: e.strength,
    provenance: e.provenance,
  }));
  const review = typography.filter((t) => t.confidence < 0.75).map((t) => `Typeface "${t.family}" was read from a specimen label, not a stated rule — please confirm.`);
  return { typography, review };
}
