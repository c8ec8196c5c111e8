import type { Color, ColorUsage, NormalizedBox, Provenance } from '../../../shared/schema';
import type { DocumentEvidence, FillEvidence, PageEvidence } from './evidence-types';
import { parseColorTokens, type ColorToken } from './color-notation';
import { isAchromatic, roleFromText } from './roles';
import { centre, headings, type TextLine } from './text-lines';

export interface PageText {
  page: PageEvidence;
  lines: TextLine[];
  /** The page's title-like headings, largest first. */
  headings: TextLine[];
}

interface Candidate {
  hex: string;
  page: number;
  box: NormalizedBox;
  source: 'text' | 'vector';
  line: TextLine;
  cmyk?: [number, number, number, number];
  pantone?: string;
}

const MISUSE = /\b(don'?t|don’t|do not|never|avoid|incorrect|wrong|misuse|mis-use|unacceptable|not allowed)\b|[✗✕✖×]/i;
const COLOR_CONTEXT = /\b(colou?rs?|palette|swatch(es)?|hex|rgb|cmyk|pantone|pms|tints?|shades?)\b/i;
const VALUE_ONLY = /^(hex|rgb|cmyk|pantone|pms|hsl|hsb|ral|html|web|css|code|value)?\s*[:=]?\s*$/i;

const distance = (a: NormalizedBox, b: NormalizedBox) => {
  const dx = Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w));
  const dy = Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h));
  return Math.hypot(dx, dy);
};
const overlapsX = (a: NormalizedBox, b: NormalizedBox, slack = 0.02) => a.x < b.x + b.w + slack && b.x < a.x + a.w + slack;
const sameRow = (a: NormalizedBox, b: NormalizedBox) => {
  const ca = centre(a).y;
  const cb = centre(b).y;
  return Math.abs(ca - cb) < Math.max(a.h, b.h) * 0.6;
};

/** Strip colour values from a line so what remains is its label ("Blue", "Primary Accent"). */
function labelText(line: TextLine): string {
  let text = line.text;
  text = text.replace(/(?:#|\b0x)[0-9a-f]{3,6}\b/gi, ' ');
  text = text.replace(/\b(rgba?|hsla?)\s*\([^)]*\)/gi, ' ');
  text = text.replace(/\b(hex|rgb|cmyk|pantone|pms|hsl|hsb|coated|uncoated)\b\s*[:=]?\s*[\w/%.,\s]*$/i, ' ');
  text = text.replace(/\b[RGBCMYKHSL]\s*[:=]?\s*\d{1,3}%?/g, ' ');
  text = text.replace(/[\d/%.,:;]+/g, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

function isMisuseRegion(pageText: PageText, box: NormalizedBox): boolean {
  const title = pageText.headings[0];
  if (title && MISUSE.test(title.text) && !COLOR_CONTEXT.test(title.text)) return true;
  // A caption right under or beside the example ("Don't", "✗ Incorrect").
  return pageText.lines.some((l) => l.text.length <= 40 && MISUSE.test(l.text) && distance(l.box, box) < 0.04);
}

/** Lines that describe the colour at `box`: same row first, then the column above it. */
function contextLines(pageText: PageText, box: NormalizedBox): { row: TextLine[]; column: TextLine[] } {
  const row = pageText.lines.filter((l) => sameRow(l.box, box) && distance(l.box, box) < 0.5);
  const column = pageText.lines
    .filter((l) => !row.includes(l) && overlapsX(l.box, box) && l.box.y + l.box.h <= box.y + 0.001 && box.y - (l.box.y + l.box.h) < 0.12)
    .sort((a, b) => b.box.y - a.box.y);
  return { row, column };
}

/** The nearest heading above the value (section), else the page title. */
function sectionHeading(pageText: PageText, box: NormalizedBox): TextLine | undefined {
  const above = pageText.headings.filter((h) => h.box.y <= box.y).sort((a, b) => b.box.y - a.box.y);
  return above[0] ?? pageText.headings[0];
}

function tokenCandidates(pageText: PageText): Candidate[] {
  const out: Candidate[] = [];
  const meta: { token: ColorToken; line: TextLine }[] = [];
  for (const line of pageText.lines) {
    for (const token of parseColorTokens(line.text)) {
      if (token.hex && token.kind !== 'hsl') {
        out.push({ hex: token.hex, page: line.page, box: line.box, source: 'text', line });
      } else {
        meta.push({ token, line });
      }
    }
    // HSL only when the line carries no other value (it is rounded, so usually a restatement).
    const tokens = parseColorTokens(line.text);
    if (tokens.every((t) => t.kind === 'hsl' || t.kind === 'cmyk' || t.kind === 'pantone')) {
      for (const t of tokens) if (t.kind === 'hsl' && t.hex) out.push({ hex: t.hex, page: line.page, box: line.box, source: 'text', line });
    }
  }
  // CMYK and Pantone are metadata of the nearest value in the same column or row.
  for (const { token, line } of meta) {
    const target = out
      .filter((c) => overlapsX(c.box, line.box, 0.01) || sameRow(c.box, line.box))
      .sort((a, b) => distance(a.box, line.box) - distance(b.box, line.box))[0];
    if (!target || distance(target.box, line.box) > (sameRow(target.box, line.box) ? 0.5 : 0.08)) continue;
    if (token.cmyk) target.cmyk ??= token.cmyk;
    if (token.pantone) target.pantone ??= token.pantone;
  }
  return out;
}

const SWATCH_MIN_AREA = 0.0015;
const SWATCH_MAX_AREA = 0.2;

function isSwatchLike(fill: FillEvidence, page: PageEvidence): boolean {
  if (fill.area < SWATCH_MIN_AREA || fill.area > SWATCH_MAX_AREA) return false;
  const aspect = (fill.box.w * page.width) / Math.max(1e-6, fill.box.h * page.height);
  return aspect > 0.2 && aspect < 5;
}

/** A fill of the value's colour near the printed value: the swatch it describes. */
function nearestSwatch(pageText: PageText, candidate: Candidate): FillEvidence | undefined {
  return pageText.page.fills
    .filter((f) => f.hex === candidate.hex && isSwatchLike(f, pageText.page))
    .sort((a, b) => distance(a.box, candidate.box) - distance(b.box, candidate.box))
    .find((f) => distance(f.box, candidate.box) < (sameRow(f.box, candidate.box) ? 0.5 : 0.15));
}

interface Entry {
  hex: string;
  name: string;
  role: ColorUsage | null;
  roleStrength: number;
  context: string | null;
  provenance: Provenance[];
  cmyk?: [number, number, number, number];
  pantone?: string;
  inMisuseOnly: boolean;
  painted: boolean;
  order: number;
}

export interface ColorResult {
  colors: Color[];
  review: string[];
}

/** Colour names that make an unlabelled painted shape a palette swatch. */
const COLOR_WORDS = /\b(red|blue|green|yellow|orange|purple|violet|pink|magenta|cyan|teal|turquoise|navy|black|white|gr[ae]y|charcoal|slate|silver|gold|brown|beige|cream|ivory|sand|mint|coral|indigo|lime|olive|maroon|burgundy|aqua|sky|ink|midnight|ocean|forest|stone|linen|hex|rgb|cmyk|pantone)\b/i;

export function extractColors(doc: DocumentEvidence, pages: PageText[]): ColorResult {
  const entries = new Map<string, Entry>();
  let order = 0;
  const paintedArea = new Map<string, number>();
  for (const page of doc.pages) {
    for (const f of page.fills) {
      if (f.area > 0.85) continue; // page backgrounds
      paintedArea.set(f.hex, (paintedArea.get(f.hex) ?? 0) + f.area);
    }
  }

  const consider = (pageText: PageText, c: Candidate, nameHint?: string) => {
    const misuse = isMisuseRegion(pageText, c.box);
    const swatch = c.source === 'text' ? nearestSwatch(pageText, c) : undefined;
    const { row, column } = contextLines(pageText, c.box);
    const rowLabels = row.map(labelText).filter((t) => t.length > 0 && !VALUE_ONLY.test(t));
    const columnLabels = column.map(labelText).filter((t) => t.length > 0 && !VALUE_ONLY.test(t));
    const ownLabel = labelText(c.line);
    const name = nameHint ?? (ownLabel && !VALUE_ONLY.test(ownLabel) ? ownLabel : rowLabels[0] ?? columnLabels[0] ?? c.hex);
    const section = sectionHeading(pageText, c.box);
    // Most specific wording first: the value's own row, its column header, then the section.
    let role: ColorUsage | null = null;
    let strength = 0;
    const levels: [string, number][] = [
      [[ownLabel, ...rowLabels].join(' / '), 0.9],
      [columnLabels.slice(0, 2).join(' / '), 0.8],
      [section?.text ?? '', 0.7],
    ];
    for (const [text, s] of levels) {
      const match = roleFromText(text);
      if (match) {
        role = match.role;
        strength = s;
        break;
      }
    }
    const provenance: Provenance[] = [{ page: c.page, bbox: c.box, source: c.source }];
    if (swatch) provenance.push({ page: c.page, bbox: swatch.box, source: 'vector' });
    const existing = entries.get(c.hex);
    if (existing) {
      existing.provenance.push(...provenance);
      existing.inMisuseOnly &&= misuse;
      existing.painted ||= Boolean(swatch) || c.source === 'vector';
      if (strength > existing.roleStrength && !misuse) {
        existing.role = role;
        existing.roleStrength = strength;
      }
      if (existing.name === existing.hex && name !== c.hex) existing.name = name;
      existing.cmyk ??= c.cmyk;
      existing.pantone ??= c.pantone;
      return;
    }
    entries.set(c.hex, {
      hex: c.hex,
      name,
      role,
      roleStrength: strength,
      context: [section?.text, ...rowLabels.slice(0, 2)].filter(Boolean).join(' — ') || null,
      provenance,
      cmyk: c.cmyk,
      pantone: c.pantone,
      inMisuseOnly: misuse,
      painted: Boolean(swatch) || c.source === 'vector',
      order: order++,
    });
  };

  for (const pageText of pages) {
    for (const c of tokenCandidates(pageText)) consider(pageText, c);
  }
  // Painted-only swatches: a swatch-like shape with a colour label beside it and no printed value.
  for (const pageText of pages) {
    const { page } = pageText;
    const colourPage = pageText.lines.some((l) => COLOR_CONTEXT.test(l.text));
    if (!colourPage) continue;
    for (const fill of page.fills) {
      if (entries.has(fill.hex) || !isSwatchLike(fill, page) || !fill.rect) continue;
      // A swatch beside a printed value illustrates that value (even when painted slightly off).
      const printedNearby = [...entries.values()].some((e) =>
        e.provenance.some((p) => p.page === page.page && p.source === 'text' && p.bbox && distance(p.bbox, fill.box) < 0.12),
      );
      if (printedNearby) continue;
      const label = pageText.lines
        .filter((l) => distance(l.box, fill.box) < 0.03 && l.text.length <= 40)
        .sort((a, b) => distance(a.box, fill.box) - distance(b.box, fill.box))[0];
      if (!label || !COLOR_WORDS.test(label.text) || MISUSE.test(label.text)) continue;
      const line: TextLine = { ...label, text: label.text };
      consider(pageText, { hex: fill.hex, page: page.page, box: fill.box, source: 'vector', line }, labelText(label) || fill.hex);
    }
  }

  const review: string[] = [];
  const kept = [...entries.values()].filter((e) => {
    if (e.inMisuseOnly) {
      review.push(`${e.hex} appears only in a "don't" / misuse example (page ${e.provenance[0]?.page}); left out of the palette.`);
      return false;
    }
    return true;
  });
  // Visual clue when nothing is stated: the first chromatic colour listed is the identity colour.
  const firstChromatic = kept.find((e) => !e.role && !isAchromatic(e.hex));
  const colors: Color[] = kept.map((e) => {
    let usage: ColorUsage;
    let confidence: number;
    if (e.role) {
      usage = e.role;
      confidence = e.roleStrength;
    } else if (isAchromatic(e.hex)) {
      usage = 'neutral';
      confidence = 0.6;
    } else if (e === firstChromatic) {
      usage = 'primary';
      confidence = 0.45;
    } else {
      usage = 'secondary';
      confidence = 0.35;
    }
    if (e.provenance.every((p) => p.source === 'vector')) confidence = Math.min(confidence, 0.5);
    return {
      name: e.name,
      hex: e.hex,
      usage,
      usage_weight: 0,
      context: e.context,
      confidence,
      provenance: e.provenance.slice(0, 8),
      verified: true,
      ...(e.pantone ? { pantone: e.pantone } : {}),
      ...(e.cmyk ? { cmyk: e.cmyk } : {}),
    };
  });
  assignWeights(colors, paintedArea);
  for (const c of colors) {
    if (c.confidence < 0.5) review.push(`Colour ${c.hex} (${c.name}): role "${c.usage}" was inferred, not stated — please confirm.`);
  }
  return { colors, review };
}

/** Usage weight: painted area plus a floor for every listed colour, normalised to sum to 1. */
function assignWeights(colors: Color[], paintedArea: Map<string, number>): void {
  if (colors.length === 0) return;
  const raw = colors.map((c, i) => (paintedArea.get(c.hex) ?? 0) + 0.02 + (c.usage === 'primary' ? 0.02 : 0) + 0.005 / (i + 1));
  const total = raw.reduce((a, b) => a + b, 0);
  colors.forEach((c, i) => {
    c.usage_weight = Math.round((raw[i]! / total) * 1000) / 1000;
  });
}

export function pageTexts(doc: DocumentEvidence, buildLines: (p: PageEvidence) => TextLine[]): PageText[] {
  return doc.pages.map((page) => {
    const lines = buildLines(page);
    const heads = headings(lines).sort((a, b) => b.size - a.size || a.box.y - b.box.y);
    return { page, lines, headings: heads };
  });
}
