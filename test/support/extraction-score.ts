/**
 * The scorers of ../shared/eval (score_extraction.py and score_names.py), ported faithfully so
 * the generated corpus and the shared PDFs are measured the same way: colours by exact hex,
 * strict role accuracy over matched colours with a stated role, fonts by normalised family
 * key (embedded-but-unstated fonts count as false positives), and colour-name accuracy.
 */

export interface TruthColor {
  name?: string | null;
  hex?: string | null;
  hex_source?: string | null;
  role?: string | null;
  role_acceptable?: string[] | null;
  in_palette?: boolean;
}

export interface Truth {
  brand?: string;
  colors?: TruthColor[];
  gradients?: { name?: string; stops?: string[] }[];
  font_families?: ({ family?: string } | string)[];
  embedded_fonts_not_stated?: string[];
}

/** What an extraction predicted: colours with role and name, font families. */
export interface Prediction {
  colors: { hex: string; role: string; name: string }[];
  fonts: string[];
}

const ROLE_UNKNOWN = new Set(['unknown', 'unstated', '', 'none', 'null']);
const STYLE_WORDS = new Set([
  'thin', 'hairline', 'extralight', 'ultralight', 'light', 'regular', 'normal', 'book', 'roman', 'medium', 'semibold', 'demibold',
  'bold', 'extrabold', 'ultrabold', 'heavy', 'black', 'italic', 'oblique',
]);
const STYLE_MODIFIERS = new Set(['semi', 'demi', 'extra', 'ultra']);
const FORMAT_SUFFIXES = new Set(['variable', 'vf', 'mt', 'ps']);

export function normHex(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:#|0x)?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  let h = m[1]!.toUpperCase();
  if (h.length === 3) h = h.split('').map((c) => c + c).join('');
  return `#${h}`;
}

export function normRole(role: unknown): string {
  if (typeof role !== 'string') return 'unstated';
  const r = role.trim().toLowerCase();
  return ROLE_UNKNOWN.has(r) ? 'unstated' : r;
}

export function fontKey(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  let s = name.trim();
  if (!s) return null;
  s = s.replace(/^[A-Z]{6}\+/, '');
  s = s.replace(/([a-z])([A-Z])/g, '$1 $2');
  s = s.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const tokens = s.toLowerCase().split(/[^0-9A-Za-z]+/).filter(Boolean);
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (STYLE_WORDS.has(t) || FORMAT_SUFFIXES.has(t)) continue;
    if (STYLE_MODIFIERS.has(t) && next !== undefined && STYLE_WORDS.has(next)) {
      i += 1;
      continue;
    }
    kept.push(t);
  }
  return kept.join('') || tokens.join('') || s.toLowerCase();
}

export interface DocumentScore {
  colors: { tp: number; fp: number; fn: number; fpHex: string[]; fnHex: string[] };
  roles: { n: number; strict: number; wrong: string[] };
  fonts: { tp: number; fp: number; fn: number; fpNames: string[]; fnNames: string[] };
  names: { n: number; ok: number; wrong: string[] };
}

const namesNorm = (s: string) => s.toLowerCase().replace(/[^0-9a-zà-ÿ]/g, '');
const NAME_HEADINGS = new Set(['color', 'colors', 'colour', 'colours', 'palette', 'farger', 'färger', 'farben', 'couleurs', 'colores', 'primary', 'secondary', 'accent', 'neutral', 'regular', 'thin', 'bold']);

/** Python's `re.fullmatch(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{1,30}", name)`, 1–3 words, not a heading. */
function plausibleGeneratedName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  return /^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{1,30}$/.test(name.trim()) && words.length <= 3 && !NAME_HEADINGS.has(namesNorm(name));
}

export function scoreDocument(truth: Truth, pred: Prediction): DocumentScore {
  const palette = new Map<string, { role: string; acceptable: Set<string> }>();
  const ignored = new Set<string>();
  for (const c of truth.colors ?? []) {
    const h = c.hex ? normHex(c.hex) : null;
    if (!h) continue;
    if (c.in_palette ?? true) {
      const acceptable = new Set([...(c.role_acceptable ?? []).map(normRole), normRole(c.role)]);
      const prev = palette.get(h);
      if (prev) for (const r of acceptable) prev.acceptable.add(r);
      else palette.set(h, { role: normRole(c.role), acceptable });
    } else ignored.add(h);
  }
  for (const h of palette.keys()) ignored.delete(h);

  const seen = new Map<string, string>();
  let invalid = 0;
  for (const c of pred.colors) {
    const h = normHex(c.hex);
    if (!h) invalid += 1;
    else if (!seen.has(h)) seen.set(h, normRole(c.role));
  }
  const tpHex = [...seen.keys()].filter((h) => palette.has(h));
  const fpHex = [...seen.keys()].filter((h) => !palette.has(h) && !ignored.has(h));
  const fnHex = [...palette.keys()].filter((h) => !seen.has(h));

  let roleN = 0;
  let roleStrict = 0;
  const roleWrong: string[] = [];
  for (const h of tpHex) {
    const t = palette.get(h)!;
    if (t.role === 'unstated') continue;
    const pr = seen.get(h)!;
    const ok = pr === t.role || t.acceptable.has(pr);
    roleN += 1;
    if (ok && pr !== 'unstated') roleStrict += 1;
    else roleWrong.push(`${h}:${pr}!=${t.role}`);
  }

  const truthFonts = new Map<string, string>();
  for (const f of truth.font_families ?? []) {
    const family = typeof f === 'string' ? f : f.family;
    const k = fontKey(family);
    if (k && !truthFonts.has(k)) truthFonts.set(k, family!);
  }
  const predFonts = new Map<string, string>();
  for (const f of pred.fonts) {
    const k = fontKey(f);
    if (k && !predFonts.has(k)) predFonts.set(k, f);
  }
  const ftp = [...predFonts.keys()].filter((k) => truthFonts.has(k));
  const ffp = [...predFonts.keys()].filter((k) => !truthFonts.has(k));
  const ffn = [...truthFonts.keys()].filter((k) => !predFonts.has(k));

  // Names (score_names.py): the first predicted name per hex, for palette colours found.
  const predName = new Map<string, string>();
  for (const c of pred.colors) {
    const h = normHex(c.hex);
    if (h && !predName.has(h)) predName.set(h, c.name ?? '');
  }
  let namesN = 0;
  let namesOk = 0;
  const namesWrong: string[] = [];
  for (const c of truth.colors ?? []) {
    const h = normHex(c.hex ?? '');
    const name = c.name ?? '';
    if (!h || !(c.in_palette ?? true) || !predName.has(h)) continue;
    const tn = namesNorm(name);
    if (!tn || /^\d+$/.test(tn)) continue;
    const predicted = predName.get(h)!;
    const pn = namesNorm(predicted);
    namesN += 1;
    const good = name.includes('(unnamed') ? plausibleGeneratedName(predicted) : Boolean(pn) && (pn === tn || (pn.length >= 3 && (tn.includes(pn) || pn.includes(tn))));
    if (good) namesOk += 1;
    else namesWrong.push(`${h}: "${predicted}" ≠ "${name}"`);
  }

  return {
    colors: { tp: tpHex.length, fp: fpHex.length + invalid, fn: fnHex.length, fpHex, fnHex },
    roles: { n: roleN, strict: roleStrict, wrong: roleWrong },
    fonts: { tp: ftp.length, fp: ffp.length, fn: ffn.length, fpNames: ffp.map((k) => predFonts.get(k)!), fnNames: ffn.map((k) => truthFonts.get(k)!) },
    names: { n: namesN, ok: namesOk, wrong: namesWrong },
  };
}

export const f1 = (tp: number, fp: number, fn: number): number | null => (2 * tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn));

export interface Totals {
  colorF1: number | null;
  roleStrict: number | null;
  fontF1: number | null;
  names: number | null;
}

export function totals(scores: DocumentScore[]): Totals {
  const sum = (f: (s: DocumentScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const roleN = sum((s) => s.roles.n);
  const namesN = sum((s) => s.names.n);
  return {
    colorF1: f1(sum((s) => s.colors.tp), sum((s) => s.colors.fp), sum((s) => s.colors.fn)),
    roleStrict: roleN ? sum((s) => s.roles.strict) / roleN : null,
    fontF1: f1(sum((s) => s.fonts.tp), sum((s) => s.fonts.fp), sum((s) => s.fonts.fn)),
    names: namesN ? sum((s) => s.names.ok) / namesN : null,
  };
}

/** Whether a brand name predicted for a document names the brand its truth gives (e.g. "Textel (Textel LLC)"). */
export function brandNameMatches(truthBrand: string | undefined, predicted: string): boolean {
  if (!truthBrand) return false;
  const p = namesNorm(predicted);
  if (p.length < 2) return false;
  const options = [truthBrand, ...[...truthBrand.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!)].map((s) => namesNorm(s.replace(/\([^)]*\)/g, '')));
  return options.some((t) => t.length > 0 && (t === p || (p.length >= 3 && t.includes(p)) || (p.includes(t) && p.length <= t.length + 8)));
}
