import type { ColorUsage } from '../../../shared/schema';

/** The seed's "Rosetta Stone": trigger terms per role. */
const TRIGGERS: [ColorUsage, RegExp][] = [
  ['semantic', /\b(success|error|warning|alert|info|information|system status|validation|danger|positive|negative)\b/i],
  ['accent', /\b(accents?|highlights?|spot colou?rs?|cta|call[- ]to[- ]action|buttons?|links?|hyperlinks?|interactions?|pop|focus)\b/i],
  ['neutral', /\b(neutrals?|backgrounds?|base|canvas|paper|text|body copy|body|typography colou?rs?|negative space|whitespace|greys?|grays?)\b/i],
  ['secondary', /\b(secondary|supporting|support|complementary|palette b|patterns?|graphic elements?|shapes?|tertiary|additional|extended)\b/i],
  ['primary', /\b(primary|core|dominant|main|master brand|logo colou?rs?|brand identity|brand colou?rs?|corporate colou?rs?)\b/i],
];

export interface RoleMatch {
  role: ColorUsage;
  term: string;
  index: number;
}

/** Every role trigger in a text, in reading order. */
export function roleMatches(text: string): RoleMatch[] {
  const found: RoleMatch[] = [];
  for (const [role, re] of TRIGGERS) {
    const m = re.exec(text);
    if (m) found.push({ role, term: m[0], index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The role a label states. With several triggers ("Primary Background"), the seed's
 * conflict rule prefers the surface: background words win (neutral); otherwise the
 * first term written is the document's emphasis.
 */
export function roleFromText(text: string): RoleMatch | null {
  const matches = roleMatches(text);
  if (matches.length === 0) return null;
  if (matches.length > 1) {
    const surface = matches.find((m) => /background|canvas|paper/i.test(m.term));
    if (surface) return surface;
  }
  return matches[0]!;
}

export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** White, black and greys (low chroma) are canvas colours when the document says nothing else. */
export function isAchromatic(hex: string): boolean {
  const [r, g, b] = rgbOf(hex);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  return max - min <= 18 || (max >= 244 && max - min <= 30);
}
