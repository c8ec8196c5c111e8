import type { Provenance, Typography } from '../../../shared/schema';
import type { PageText } from './colors';
import { GENERIC_NAMES, KNOWN_FAMILIES } from './font-names';
import { isProse } from './label-kind';
import type { TextLine } from './text-lines';
import { mentionsSection, onlyVocabulary } from './vocabulary';

const WEIGHTS = /\b(thin|hairline|extra ?light|ultra ?light|light|regular|normal|book|roman|medium|semi ?bold|demi ?bold|bold|extra ?bold|ultra ?bold|heavy|black|italic|oblique|condensed|\d00)\b/gi;
const USAGE = /\b(headlines?|headings?|titles?|display|body( copy| text)?|copy|captions?|ui|interface|code|monospaced?|wordmark|logo|print|digital|web|email|überschriften|fließtext|titres|texte|titulares|textos|titoli|testi|títulos|koppen|tekst|rubriker|brödtext|overskrifter|brødtekst|titler)\b/gi;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KNOWN = [...KNOWN_FAMILIES].sort((a, b) => b.length - a.length).map((family) => ({
  family,
  re: new RegExp(`(?<![\\w-])${escape(family).replace(/ /g, '[ -]?')}(?![\\w-])`, 'i'),
}));

/** All known families in one pattern, longest first (one pass per line instead of one per family). */
const KNOWN_ANY = new RegExp(`(?<![\\w-])(?:${KNOWN.map((k) => escape(k.family).replace(/ /g, '[ -]?')).join('|')})(?![\\w-])`, 'gi');
const knownIn = (text: string) => [...text.matchAll(KNOWN_ANY)].map((m) => KNOWN.find((k) => k.re.test(m[0]))!.family);

/** Case-preserving fold (accents off) so the vocabulary matches and offsets stay those of the text. */
const foldKeepCase = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');

/** "<typeface word> … is X": the typeface word in any supported language, a copula, then the family. */
const STATED_LEAD = new RegExp(
  String.raw`\b(?:type ?faces?|fonts?(?:[- ]famil(?:y|ies))?|typography|schrift\w*|hausschrift|police(?:\s+de\s+caracteres)?|polices|caracteres?(?:\s+tipografico)?|tipografia(?:\s+\w+)?|fuentes?(?:\s+\w+)?|fontes?(?:\s+\w+)?|lettertypes?|huislettertype|typsnitt|profiltypsnitt|skrifttyper?|profilskrift|skrift)\s+(?:is|are|will be|should be|used is|ist|sind|est|sont|es|son|e|sono|sao|er|ar|zijn)\s+`,
  'gi',
);
const FAMILY_AFTER = /^(?:(?:the|die|der|la|le|el|il|lo|a|o|de|het|den|det)\s+)?[“"'‘]?([A-Z][\w'’-]*(?:[ -](?:[A-Z0-9][\w'’-]*))*)/;

interface Found {
  family: string;
  strength: number;
  line: TextLine;
  /** Shown only (a specimen), not stated in words: the designer should confirm it. */
  shown?: boolean;
}

function splitFamilies(list: string): string[] {
  return list
    .replace(/\([^)]*\)/g, ' ')
    .split(/,|\bor\b|\band\b|\boder\b|\bund\b|\bou\b|\bet\b|\by\b|\bo\b|\be\b|\bof\b|\ben\b|\beller\b|\boch\b|\bog\b|\/|;|\|/)
    .map((s) => s.replace(/[“”"'‘’.]/g, '').trim())
    .map((s) => s.replace(WEIGHTS, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 1 && s.length <= 40 && /^[A-Z0-9]/.test(s) && s.split(' ').length <= 4 && !GENERIC_NAMES.test(s) && !onlyVocabulary(s));
}

const canonical = (family: string) => KNOWN.find((k) => k.re.test(family) && family.length <= k.family.length + 1)?.family ?? family;
const isKnown = (family: string) => KNOWN.some((k) => k.family.toLowerCase() === family.toLowerCase());

/** Family of an embedded font's PostScript name: "ABCDEF+SourceSansPro-SemiBold" → "Source Sans Pro". */
export function familyFromFontName(name: string): string | null {
  const base = name.replace(/^[A-Z]{6}\+/, '').split(/[-,]/)[0] ?? '';
  const spaced = base
    .replace(/(MT|PS|Std|Pro(?=[A-Z]|$))$/, (m) => (m === 'Pro' ? ' Pro' : ''))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(WEIGHTS, '')
    .replace(/\s+/g, ' ')
    .trim();
  return spaced.length >= 2 && /[A-Za-z]{2}/.test(spaced) ? spaced : null;
}

/** The PDF standard fonts (and their usual aliases): a viewer substitutes them, so they show nothing about the brand. */
const STANDARD_FONT = /^(helvetica|times|courier|symbol|zapfdingbats|arial|timesnewroman)/i;

/** Letter pairs, alphabets, numerals or a weight list: lines that show a typeface rather than name one. */
function isSpecimenLine(text: string): boolean {
  const t = text.trim();
  return (
    /^(?:\p{Lu}\p{Ll}\s*){3,}$/u.test(t) ||
    /abcdefg|ABCDEFG/.test(t.replace(/\s/g, '')) ||
    /0123456789|1234567890/.test(t) ||
    (t.split(/\s+/).length >= 2 && t.split(/\s+/).every((w) => new RegExp(`^${WEIGHTS.source}$`, 'i').test(w))) ||
    /^Aa$/.test(t)
  );
}

/** A family name printed over its specimen: short, capitalised, not a section word or a sentence. */
function specimenTitle(line: TextLine): string | null {
  const text = line.text.replace(WEIGHTS, '').replace(/\s+/g, ' ').trim();
  if (!/^\p{Lu}/u.test(text) || text.length > 40 || text.split(' ').length > 4) return null;
  if (isSpecimenLine(line.text) || isProse(line.text) || onlyVocabulary(text) || mentionsSection(text, 'typography') || /[:#@]|\d{3,}/.test(text)) return null;
  if (USAGE.test(text)) {
    USAGE.lastIndex = 0;
    return null;
  }
  USAGE.lastIndex = 0;
  return GENERIC_NAMES.test(text) ? null : text;
}

export function extractTypography(pages: PageText[]): { typography: Typography[]; review: string[] } {
  const found: Found[] = [];
  const mentioned = new Set<string>();
  for (const pageText of pages) {
    const typoPage = pageText.lines.some((l) => mentionsSection(l.text, 'typography') && l.text.length < 60);
    const lines = pageText.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const text = foldKeepCase(line.text);
      // "Primary typeface: X", "Hausschrift: X", "Police principale : X".
      const kv = /^([^:]{2,40}):\s*(.+)$/.exec(text);
      if (kv && mentionsSection(kv[1]!, 'typography')) for (const family of splitFamilies(kv[2]!)) found.push({ family: canonical(family), strength: 0.9, line });
      for (const m of text.matchAll(STATED_LEAD)) {
        const after = FAMILY_AFTER.exec(text.slice(m.index + m[0].length));
        if (after) for (const family of splitFamilies(after[1]!)) found.push({ family: canonical(family), strength: 0.8, line });
      }
      const wrapped = `${line.text} ${lines[i + 1]?.text ?? ''}`;
      const inFontSentence = mentionsSection(wrapped, 'typography');
      const short = typoPage && line.text.length <= 40;
      const known = knownIn(line.text);
      if (inFontSentence || short) for (const family of known) found.push({ family, strength: short && !inFontSentence ? 0.7 : 0.75, line, shown: short && !inFontSentence });
      for (const family of known) mentioned.add(family.toLowerCase());
    }
    // Specimens: a family name set over letter pairs, an alphabet, numerals or a weight list; failing a
    // printed name, the embedded font the specimen is set in (not a standard PDF font: those are substitutes).
    const specimens = lines.filter((l) => isSpecimenLine(l.text));
    for (const s of specimens) {
      const title = lines
        .filter((l) => l !== s && s.box.y > l.box.y && s.box.y - (l.box.y + l.box.h) < 0.08 && Math.abs(s.box.x - l.box.x) < 0.2 && l.size >= s.size * 0.9)
        .sort((a, b) => b.box.y - a.box.y)
        .map((l) => ({ line: l, title: specimenTitle(l) }))[0];
      if (title?.title) {
        found.push({ family: canonical(title.title), strength: 0.7, line: title.line, shown: true });
        continue;
      }
      if (title && isSpecimenLine(title.line.text)) continue;
      const name = s.items.find((it) => it.fontName)?.fontName;
      const family = name && !STANDARD_FONT.test(name.replace(/^[A-Z]{6}\+/, '')) ? familyFromFontName(name) : null;
      if (family) found.push({ family: canonical(family), strength: 0.65, line: s, shown: true });
    }
  }
  const byFamily = new Map<string, { family: string; strength: number; shownOnly: boolean; weights: Set<string>; usage: Set<string>; provenance: Provenance[] }>();
  for (const f of found) {
    const key = f.family.toLowerCase().replace(/[\s-]/g, '');
    const entry = byFamily.get(key) ?? { family: f.family, strength: 0, shownOnly: true, weights: new Set(), usage: new Set(), provenance: [] };
    entry.strength = Math.max(entry.strength, f.strength);
    entry.shownOnly &&= Boolean(f.shown);
    for (const w of f.line.text.matchAll(WEIGHTS)) entry.weights.add(w[0].toLowerCase().replace(/\s+/g, ''));
    for (const u of f.line.text.matchAll(USAGE)) entry.usage.add(u[0].toLowerCase());
    if (/fallback/i.test(f.line.text)) entry.usage.add('fallback');
    if (entry.provenance.length < 5) entry.provenance.push({ page: f.line.page, bbox: f.line.box, source: f.line.items[0]?.ocr ? 'raster' : 'text', field: 'family' });
    byFamily.set(key, entry);
  }
  const typography: Typography[] = [...byFamily.values()].map((e) => ({
    family: e.family,
    weights: [...e.weights].filter((w) => w !== 'italic' && w !== 'condensed'),
    usage: [...e.usage].join(', '),
    confidence: e.shownOnly && !isKnown(e.family) && !mentioned.has(e.family.toLowerCase()) ? Math.min(e.strength, 0.6) : e.strength,
    provenance: e.provenance,
  }));
  const review = typography
    .filter((t) => t.confidence < 0.75)
    .map((t) => `Typeface "${t.family}" was read from a specimen (the text does not name it as a brand font) — please confirm.`);
  return { typography, review };
}
