import { deltaE2000, hexToLab } from '../../../shared/color';
import type { Color, ColorUsage, Gradient, NormalizedBox, Provenance } from '../../../shared/schema';
import { parseColorTokens } from './color-notation';
import { describeColors } from './color-names';
import type { DocumentEvidence, FillEvidence, PageEvidence, ShadingEvidence } from './evidence-types';
import { attachment, attachmentGap, contains, distance, overlapX, unionBox } from './geometry';
import { labelKind, labelParts, isProse, type LabelKind } from './label-kind';
import { isAchromatic } from './roles';
import { headings, type TextLine } from './text-lines';
import { fold, fuzzyRoleFromText, mentionsSection, onlyVocabulary, roleFromText } from './vocabulary';

export interface PageText {
  page: PageEvidence;
  lines: TextLine[];
  /** The page's title-like headings, largest first. */
  headings: TextLine[];
}

/** How a colour's role was found: the strongest evidence wins, and the model may only replace guesses. */
export type RoleSource = 'label' | 'group' | 'section' | 'prose' | 'inferred';
const ROLE_STRENGTH: Record<RoleSource, number> = { label: 0.9, group: 0.8, section: 0.7, prose: 0.6, inferred: 0.4 };

/** How a colour's name was found: a label next to its swatch, or generated from the colour itself. */
export type NameSource = 'label' | 'nearby' | 'generated';

/** One printed colour value (hex, rgb, hsl) with its box on the page. */
interface Value {
  hex: string;
  box: NormalizedBox;
  line: TextLine;
  gradient: boolean;
  cmyk?: [number, number, number, number];
  pantone?: string;
}

/** A palette entry on one page: printed values and/or a painted swatch, with the text around it. */
interface Item {
  hex: string;
  page: PageText;
  values: Value[];
  swatch: FillEvidence | null;
  box: NormalizedBox;
  labels: { line: TextLine; gap: number; row: boolean; column: string | null }[];
  /** A value mentioned in a sentence: no caption of its own. */
  mention?: boolean;
}

const MISUSE_WORDS = /\b(don'?t|don’t|do not|never|avoid|incorrect|wrong|misuse|mis-use|unacceptable|not allowed|falsch|niemals|incorrecte?|jamais|a eviter|incorrecto|nunca|scorretto|da evitare|incorreto|niet doen|nooit|undvik|aldrig|undga|unnga|aldri|forkert)\b|[✗✕✖×]/i;
const GRADIENT_JOIN = /(?:#|\b0x)?[0-9a-f]{6}\b\s*(?:→|->|–|—|-|>|\bto\b|\bbis\b|\bà\b|\ba\b|\btil\b|\btill\b|\btot\b)\s*(?:#|\b0x)?[0-9a-f]{3,6}\b/i;

/** A text line with its colour values removed (what remains is the label: "Blue", "Primary Accent"). */
export function labelText(text: string): string {
  let t = text;
  t = t.replace(/(?:#|\b0x)[0-9a-f]{3,6}\b/gi, ' ');
  t = t.replace(/\b(rgba?|hsla?|cmyk)\s*\([^)]*\)/gi, ' ');
  t = t.replace(/\b(hex|rgb|cmyk|pantone|pms|hsl|hsb|coated|uncoated|ral|ncs)\b\s*[:=]?\s*[\d/%.,\s]*(?:[A-Z]{1,2}\b)?/gi, ' ');
  t = t.replace(/\b[RGBCMYKHSL]\s*[:=]?\s*\d{1,3}%?/g, ' ');
  t = t.replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6}\b/gi, ' ');
  t = t.replace(/[\d/%.,:;]+/g, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

function isGradientLine(text: string): boolean {
  return mentionsSection(text, 'gradient') || /(?:linear|radial|conic)-gradient\s*\(/i.test(text) || GRADIENT_JOIN.test(text);
}

/** Approximate box of a token inside its line, from its character offset. */
function tokenBox(line: TextLine, index: number, length: number): NormalizedBox {
  const chars = Math.max(1, line.text.length);
  const x = line.box.x + (line.box.w * index) / chars;
  return { x, y: line.box.y, w: Math.max((line.box.w * length) / chars, 0.01), h: line.box.h };
}

function pageValues(pageText: PageText): Value[] {
  const values: Value[] = [];
  const meta: { line: TextLine; cmyk?: [number, number, number, number]; pantone?: string; box: NormalizedBox }[] = [];
  for (const line of pageText.lines) {
    const tokens = parseColorTokens(line.text);
    if (tokens.length === 0) continue;
    const gradient = isGradientLine(line.text);
    const onlyHsl = tokens.every((t) => t.kind === 'hsl' || t.kind === 'cmyk' || t.kind === 'pantone');
    tokens.forEach((t, i) => {
      const length = (tokens[i + 1]?.index ?? line.text.length) - t.index;
      const box = tokenBox(line, t.index, Math.min(length, 12));
      // HSL is rounded, so usually a restatement; a value only when the line has nothing else.
      if (t.hex && (t.kind !== 'hsl' || onlyHsl)) values.push({ hex: t.hex, box, line, gradient });
      else if (t.cmyk || t.pantone) meta.push({ line, cmyk: t.cmyk, pantone: t.pantone, box });
    });
  }
  // CMYK and Pantone describe the nearest value in the same column or row.
  for (const m of meta) {
    const sameRow = (v: Value) => Math.abs(v.box.y - m.box.y) < m.box.h * 0.6;
    const target = values
      .filter((v) => !v.gradient && (overlapX(v.box, m.box) > 0 || sameRow(v)))
      .sort((a, b) => distance(a.box, m.box) - distance(b.box, m.box))[0];
    if (!target || distance(target.box, m.box) > (sameRow(target) ? 0.5 : 0.08)) continue;
    target.cmyk ??= m.cmyk;
    target.pantone ??= m.pantone;
  }
  return values;
}

const SWATCH_MIN_AREA = 0.0008;
const SWATCH_MAX_AREA = 0.25;

function isSwatchLike(fill: FillEvidence, page: PageEvidence): boolean {
  if (fill.area < SWATCH_MIN_AREA || fill.area > SWATCH_MAX_AREA) return false;
  const aspect = (fill.box.w * page.width) / Math.max(1e-6, fill.box.h * page.height);
  if (aspect < 0.15 || aspect > 7) return false;
  return fill.rect || (fill.coverage ?? 0) >= 0.75;
}

/** Swatch-like fills of a page, without the smaller same-colour shapes painted inside them. */
function pageSwatches(page: PageEvidence): FillEvidence[] {
  const candidates = page.fills.filter((f) => isSwatchLike(f, page)).sort((a, b) => b.area - a.area);
  const kept: FillEvidence[] = [];
  for (const f of candidates) {
    if (kept.some((k) => k.hex === f.hex && contains(k.box, f.box))) continue;
    // Two equal shapes at one place (fill + stroke passes) are one swatch.
    if (kept.some((k) => k.hex === f.hex && Math.abs(k.box.x - f.box.x) < 0.002 && Math.abs(k.box.y - f.box.y) < 0.002)) continue;
    kept.push(f);
  }
  return kept;
}

const labCache = new Map<string, ReturnType<typeof hexToLab>>();
const lab = (hex: string) => {
  let v = labCache.get(hex);
  if (!v) {
    v = hexToLab(hex);
    labCache.set(hex, v);
  }
  return v;
};
const colourDistance = (a: string, b: string) => (a === b ? 0 : deltaE2000(lab(a), lab(b)));

/** Values of one colour printed together (hex, rgb and cmyk stacked under one swatch) form one group. */
function groupValues(values: Value[]): Value[][] {
  const groups: Value[][] = [];
  for (const v of values) {
    const group = groups.find((g) => g[0]!.hex === v.hex && g.some((o) => distance(o.box, v.box) < 0.05));
    if (group) group.push(v);
    else groups.push([v]);
  }
  return groups;
}

const boxOf = (values: Value[]) => values.map((v) => v.line.box).reduce(unionBox);

/** Pair each group of printed values with the swatch it describes, by layout and colour. */
function pairSwatches(groups: Value[][], swatches: FillEvidence[]): Map<Value[], FillEvidence> {
  const options: { group: Value[]; swatch: FillEvidence; cost: number }[] = [];
  for (const group of groups) {
    const box = boxOf(group);
    for (const swatch of swatches) {
      const a = attachment(box, swatch.box);
      if (!a) continue;
      const gap = a.gap;
      // A table row may put the swatch and its value far apart; a column keeps them close.
      const limit = a.direction === 'row' ? 0.5 : Math.max(0.06, Math.min(0.2, 2.5 * swatch.box.h));
      if (gap > limit) continue;
      const de = colourDistance(group[0]!.hex, swatch.hex);
      // Print conversions paint a swatch a little off its printed value; a different colour costs more.
      const cost = gap + (de < 0.5 ? 0 : de < 12 ? 0.01 + de / 1000 : 0.04);
      options.push({ group, swatch, cost });
    }
  }
  options.sort((a, b) => a.cost - b.cost);
  const paired = new Map<Value[], FillEvidence>();
  const used = new Set<FillEvidence>();
  for (const o of options) {
    if (paired.has(o.group) || used.has(o.swatch)) continue;
    paired.set(o.group, o.swatch);
    used.add(o.swatch);
  }
  return paired;
}

/**
 * On a page read by OCR, a printed value that differs a little from its swatch was probably
 * misread ("#F4F1EA" read as "#FAF1EA"): a vector fill is exact, and a rendered flat swatch is
 * exact to within compression noise, so the swatch wins — unless the two are apart by more than
 * a misread digit (then the pairing, not the reading, is in doubt).
 */
function ocrChecked(printed: string, swatch: FillEvidence | null, ocr: boolean): string {
  if (!ocr || !swatch || swatch.hex === printed) return printed;
  // A misread changes a character or two; a swatch painted off its value (print conversion) changes most.
  const differing = [...printed].filter((ch, i) => ch !== swatch.hex[i]).length;
  if (differing > 2 || colourDistance(printed, swatch.hex) > 12) return printed;
  return swatch.raster && colourDistance(printed, swatch.hex) < 2.5 ? printed : swatch.hex;
}

/** Swatches without values that line up with the page's palette swatches (same size, same row or column). */
function alignedWith(swatch: FillEvidence, others: FillEvidence[]): number {
  return others.filter(
    (o) =>
      o !== swatch &&
      Math.abs(o.box.w - swatch.box.w) < Math.max(o.box.w, swatch.box.w) * 0.15 &&
      Math.abs(o.box.h - swatch.box.h) < Math.max(o.box.h, swatch.box.h) * 0.15 &&
      (Math.abs(o.box.y - swatch.box.y) < 0.01 || Math.abs(o.box.x - swatch.box.x) < 0.01),
  ).length;
}

function isMisuseRegion(pageText: PageText, box: NormalizedBox): boolean {
  const title = pageText.headings[0];
  if (title && MISUSE_WORDS.test(fold(title.text)) && !mentionsSection(title.text, 'colors')) return true;
  return pageText.lines.some((l) => l.text.length <= 40 && MISUSE_WORDS.test(fold(l.text)) && distance(l.box, box) < 0.04);
}

/** Column-header words of swatch tables ("Name | Hex | Role | Sample"). */
const HEADER_WORD = /^(name|names?|hex|rgb|cmyk|pantone|pms|hsl|colou?rs?|role|usage|use|sample|swatch|preview|value|values|code|notes?|nom|nombre|nome|naam|namn|navn|farbe|farge|farve|farg|couleur|kleur|cor|rolle|uso|gebruik|anvandning|brug|bruk|muster|exemple|ejemplo|esempio|exemplo|voorbeeld|exempel|eksempel)$/;

/** Lines of a table's header row: several short cells on one baseline, one of them a column word. */
function headerRows(lines: TextLine[]): Map<TextLine, string> {
  const out = new Map<TextLine, string>();
  for (const line of lines) {
    if (out.has(line)) continue;
    const row = lines.filter((o) => Math.abs(o.box.y + o.box.h / 2 - (line.box.y + line.box.h / 2)) < line.box.h * 0.5);
    if (row.length >= 2 && row.some((o) => HEADER_WORD.test(fold(o.text.trim()).replace(/[:.]$/, '')))) for (const o of row) out.set(o, fold(o.text.trim()).replace(/[:.]$/, ''));
  }
  return out;
}

/** The header word of the table column a label sits in ("role", "name", …), if the page has a header row. */
function columnOf(line: TextLine, headers: Map<TextLine, string>): string | null {
  const cx = line.box.x + line.box.w / 2;
  let best: string | null = null;
  let bestDx = Infinity;
  for (const [header, word] of headers) {
    if (header.box.y > line.box.y) continue;
    const dx = Math.abs(header.box.x - line.box.x);
    if ((cx >= header.box.x - 0.01 || dx < 0.02) && dx < bestDx && dx < 0.15) {
      best = word;
      bestDx = dx;
    }
  }
  return best;
}

/**
 * Attach each label line of a page to the item it captions: the nearest item in a caption
 * direction (inside, above/below in its column, beside in its row). A line that spans several
 * items of one row (a caption under a whole grid) belongs to none of them.
 */
function attachLabels(pageText: PageText, items: Item[], valueLines: Set<TextLine>): void {
  if (items.length === 0) return;
  const headers = headerRows(pageText.lines);
  for (const line of pageText.lines) {
    if (headers.has(line)) continue;
    if (valueLines.has(line) && labelText(line.text).replace(/[^\p{L}]/gu, '').length < 3) continue;
    let best: Item | null = null;
    let bestGap = Infinity;
    let row = false;
    for (const item of items) {
      if (item.mention) continue;
      const a = attachment(line.box, item.box);
      if (!a) continue;
      const limit = a.direction === 'row' ? 0.25 : Math.max(0.03, Math.min(0.09, (item.swatch?.box.h ?? item.box.h) * 1.2));
      if (a.gap <= limit && a.gap < bestGap) {
        best = item;
        bestGap = a.gap;
        row = a.direction === 'row';
      }
    }
    if (!best) continue;
    const spanned = items.filter((i) => i !== best && Math.abs(i.box.y - best!.box.y) < 0.01 && overlapX(line.box, i.box) > 0.2 * i.box.w);
    if (spanned.length > 0 && bestGap > 0) continue;
    best.labels.push({ line, gap: bestGap, row, column: headers.size > 0 ? columnOf(line, headers) : null });
  }
}

const wordsOfText = (text: string) => text.split(/\s+/).filter(Boolean).length;

interface Named {
  name: string | null;
  nameSource: NameSource;
  nameLine: TextLine | null;
  role: ColorUsage | null;
  roleSource: RoleSource;
  context: string[];
}

/** Read an item's labels: its name (a short noun phrase), stated role and the prose about it. */
function readLabels(item: Item): Named {
  const out: Named = { name: null, nameSource: 'generated', nameLine: null, role: null, roleSource: 'inferred', context: [] };
  const candidates: { name: string; line: TextLine; gap: number; row: boolean }[] = [];
  const labels = [...item.labels].sort((a, b) => a.gap - b.gap || a.line.box.y - b.line.box.y);
  // Lines of one wrapped paragraph are prose even when each piece is short.
  const paragraph = (line: TextLine) =>
    labels.some(
      (o) => o.line !== line && Math.abs(o.line.size - line.size) < 0.5 && Math.abs(o.line.box.x - line.box.x) < 0.01 && Math.abs(o.line.box.y - line.box.y) < line.box.h * 1.6 && isProse(`${o.line.text} ${line.text}`),
    );
  for (const { line, gap, column } of labels) {
    const raw = line.text;
    const text = labelText(raw);
    if (MISUSE_WORDS.test(fold(text))) continue;
    // In a swatch table, the role/usage/notes columns describe the colour; they never name it.
    if (column && /^(role|usage|use|notes?|rolle|uso|gebruik|anvandning|brug|bruk)$/.test(column)) {
      const r = roleFromText(text);
      if (r && out.roleSource !== 'label') {
        out.role = r.role;
        out.roleSource = 'label';
      }
      out.context.push(text);
      continue;
    }
    const kv = /^([\p{L} ]{2,20}):\s*(.+)$/u.exec(text);
    if (kv && /^(role|usage|use|rolle|r[oô]le|uso|papel|gebruik|anvandning|brug|bruk|funktion|function)$/i.test(fold(kv[1]!.trim()))) {
      const r = roleFromText(kv[2]!);
      if (r && out.roleSource !== 'label') {
        out.role = r.role;
        out.roleSource = 'label';
      }
      out.context.push(text);
      continue;
    }
    let kind: LabelKind = labelKind(raw, kv ? kv[2]! : text);
    if (kind === 'name' && paragraph(line)) kind = 'prose';
    // OCR misreads accents ("Secundéria"): a short label that is a role word but for one letter is a role label.
    if (kind === 'name' && line.items.some((i) => i.ocr) && wordsOfText(text) <= 2) {
      const fuzzy = fuzzyRoleFromText(text);
      if (fuzzy) {
        if (gap < 0.06 && out.roleSource !== 'label') {
          out.role = fuzzy.role;
          out.roleSource = 'label';
        }
        continue;
      }
    }
    if (kind === 'prose') {
      out.context.push(raw);
      const r = roleFromText(raw);
      if (r && ROLE_STRENGTH[out.roleSource] < ROLE_STRENGTH.prose) {
        out.role = r.role;
        out.roleSource = 'prose';
      }
      continue;
    }
    if (kind === 'role') {
      const r = roleFromText(text);
      if (r && gap < 0.06 && out.roleSource !== 'label') {
        out.role = r.role;
        out.roleSource = 'label';
      }
      continue;
    }
    if (kind === 'role-name') {
      // "Paper", "Success", "Grijs": a role word that also names the colour — a name when nothing better is printed.
      const r = roleFromText(text);
      if (r && gap < 0.06 && ROLE_STRENGTH[out.roleSource] < ROLE_STRENGTH.label) {
        out.role = r.role;
        out.roleSource = 'label';
      }
      candidates.push({ name: text, line, gap: gap + 0.001, row: labels.find((l) => l.line === line)?.row ?? false });
      continue;
    }
    if (kind !== 'name') continue;
    // "Ocean Blue — Primary": the role part states the role, the rest is the name.
    const parts = labelParts(kv ? kv[2]! : text);
    const nameParts: string[] = [];
    for (const part of parts) {
      if (onlyVocabulary(part)) {
        const r = roleFromText(part);
        if (r && out.roleSource !== 'label') {
          out.role = r.role;
          out.roleSource = 'label';
        }
      } else if (labelKind(part, part) === 'name') nameParts.push(part);
    }
    if (nameParts.length > 0) candidates.push({ name: nameParts.join(' '), line, gap, row: labels.find((l) => l.line === line)?.row ?? false });
  }
  // The nearest short noun phrase wins; among equally near ones, the larger type (names are set bigger than values).
  candidates.sort((a, b) => a.gap - b.gap || b.line.size - a.line.size);
  const chosen = candidates.find((c) => c.gap < 0.001) ?? candidates[0];
  if (chosen) {
    out.name = chosen.name;
    out.nameLine = chosen.line;
    out.nameSource = chosen.gap <= 0.04 || chosen.row ? 'label' : 'nearby';
    const r = roleFromText(chosen.name);
    if (r && ROLE_STRENGTH[out.roleSource] < ROLE_STRENGTH.label) {
      out.role = r.role;
      out.roleSource = 'label';
    }
  }
  return out;
}

/**
 * The group heading above an item: the nearest short line above it, left of its right edge,
 * that is not another item's caption. Its role (if it states one) applies to the whole group.
 */
function headingAbove(pageText: PageText, box: NormalizedBox, captions: ReadonlySet<TextLine>): TextLine | undefined {
  return pageText.lines
    .filter((l) => !captions.has(l) && l.box.y + l.box.h <= box.y + 0.002 && l.box.x <= box.x + box.w && box.y - l.box.y < 0.5)
    .filter((l) => !isProse(l.text) && l.text.length <= 60 && parseColorTokens(l.text).length === 0)
    .sort((a, b) => b.box.y + b.box.h - (a.box.y + a.box.h))[0];
}

function groupRole(pageText: PageText, item: Item, captions: Set<TextLine>): ColorUsage | null {
  const nearest = headingAbove(pageText, item.box, captions);
  if (!nearest) return null;
  return (nearest.items.some((i) => i.ocr) ? fuzzyRoleFromText(nearest.text) : roleFromText(nearest.text))?.role ?? null;
}

interface Entry {
  hex: string;
  name: string | null;
  nameSource: NameSource;
  nameProvenance: Provenance | null;
  role: ColorUsage | null;
  roleSource: RoleSource;
  context: string[];
  provenance: Provenance[];
  cmyk?: [number, number, number, number];
  pantone?: string;
  inMisuseOnly: boolean;
  order: number;
  painted: boolean;
}

export interface ColorResult {
  colors: Color[];
  gradients: Gradient[];
  review: string[];
}

const NAME_RANK: Record<NameSource, number> = { label: 3, nearby: 2, generated: 0 };

export function extractColors(doc: DocumentEvidence, pages: PageText[]): ColorResult {
  const entries = new Map<string, Entry>();
  const gradients: Gradient[] = [];
  let order = 0;
  const paintedArea = new Map<string, number>();
  for (const page of doc.pages) {
    for (const f of page.fills) {
      if (f.area > 0.85) continue; // page backgrounds
      paintedArea.set(f.hex, (paintedArea.get(f.hex) ?? 0) + f.area);
    }
  }

  const printedHexes = new Set(pages.flatMap((p) => p.lines.flatMap((l) => parseColorTokens(l.text).flatMap((t) => (t.hex ? [t.hex] : [])))));
  const anyPrinted = printedHexes.size > 0;
  // Values printed as labels (not inside a sentence) somewhere in the document.
  const listedHexes = new Set(
    pages.flatMap((p) => p.lines.filter((l) => !(isProse(labelText(l.text)) && wordsOfText(l.text) >= 6)).flatMap((l) => parseColorTokens(l.text).flatMap((t) => (t.hex ? [t.hex] : [])))),
  );
  for (const pageText of pages) {
    const { page } = pageText;
    const values = pageValues(pageText);
    const palette = values.filter((v) => !v.gradient);
    const swatches = pageSwatches(page);
    const groups = groupValues(palette);
    const paired = pairSwatches(groups, swatches);
    const shadingItems = (page.shadings ?? []).filter((s) => s.box.w * s.box.h >= 0.002 && s.box.w * s.box.h < 0.6);
    const valueLines = new Set(values.map((v) => v.line));
    // Stops printed one per line under a gradient (or its heading) belong to the gradient, not the palette.
    const stopsByHeading = new Map<TextLine, Value[]>();
    const items: Item[] = groups.flatMap((g): Item[] => {
      const swatch = paired.get(g) ?? null;
      const box = swatch ? unionBox(boxOf(g), swatch.box) : boxOf(g);
      if (!swatch && shadingItems.some((sh) => attachmentGap(box, sh.box) <= 0.05)) return [];
      const heading = swatch ? undefined : headingAbove(pageText, box, valueLines);
      if (heading && mentionsSection(heading.text, 'gradient') && box.y - heading.box.y < 0.25) {
        stopsByHeading.set(heading, [...(stopsByHeading.get(heading) ?? []), ...g.slice(0, 1)]);
        return [];
      }
      // A value inside a sentence is a mention: a palette entry only when the document lists it nowhere else.
      const mention = !swatch && g.every((v) => isProse(labelText(v.line.text)) && wordsOfText(v.line.text) >= 6);
      if (mention && listedHexes.has(g[0]!.hex)) return [];
      return [{ hex: ocrChecked(g[0]!.hex, swatch, Boolean(page.ocr)), page: pageText, values: g, swatch, box, labels: [], mention }];
    });
    // Painted swatches without printed values: part of the palette when they line up with it, or when
    // the page is about colour (or has no readable text at all) and they form a row or grid.
    const used = new Set(paired.values());
    const colourPage = pageText.lines.some((l) => mentionsSection(l.text, 'colors') && l.text.length < 60) || pageText.lines.length === 0 || Boolean(page.ocr);
    const unpaired = swatches.filter((s) => !used.has(s));
    for (const s of unpaired) {
      if (printedHexes.has(s.hex) || items.some((i) => i.swatch && contains(i.swatch.box, s.box))) continue;
      // A swatch beside a printed value illustrates that value even when painted slightly off.
      if (palette.some((v) => distance(v.box, s.box) < 0.04)) continue;
      const lined = alignedWith(s, [...used]) >= 1;
      const gridded = alignedWith(s, unpaired) >= 1;
      if (!(lined || (colourPage && gridded))) continue;
      items.push({ hex: s.hex, page: pageText, values: [], swatch: s, box: s.box, labels: [] });
    }
    for (const [heading, stops] of stopsByHeading) {
      if (shadingItems.length > 0 || stops.length < 2) continue;
      const name = labelText(heading.text).replace(/\b(gradients?|verl[aä]uf\w*|farbverl[aä]uf\w*|d[eé]grad[eé]s?|degradados?|sfumatur\w*|gradientes?)\b/gi, '').replace(/[:–—-]/g, ' ').trim();
      gradients.push({
        name: name || `Gradient ${stops[0]!.hex} – ${stops.at(-1)!.hex}`,
        stops: stops.map((v, i) => ({ hex: v.hex, position: Math.round((i / (stops.length - 1)) * 100) / 100 })),
        angle: null,
        provenance: [{ page: page.page, bbox: heading.box, source: 'text' }],
      });
    }
    const shadingAsItems: Item[] = shadingItems.map((s) => ({ hex: s.stops[0]!, page: pageText, values: [], swatch: null, box: s.box, labels: [] }));
    attachLabels(pageText, [...items, ...shadingAsItems], valueLines);

    shadingItems.forEach((s, i) => gradients.push(gradientFrom(s, shadingAsItems[i]!, values, page.page)));
    gradients.push(...textGradients(values, shadingAsItems, page.page));

    const title = pageText.headings[0];
    const section = title && roleFromText(title.text) ? title : undefined;
    const named = new Map(items.map((item) => [item, readLabels(item)]));
    // Lines that name an item or carry its values are captions; a group heading is neither.
    const captions = new Set<TextLine>([...valueLines, ...[...named.values()].flatMap((n) => (n.nameLine ? [n.nameLine] : []))]);
    for (const item of items) {
      if (item.values.length === 0 && item.swatch && shadingItems.some((s) => contains(s.box, item.swatch!.box))) continue;
      const read = named.get(item)!;
      // A painted swatch with no value printed anywhere joins the palette only when a name labels it,
      // unless the document prints no values at all (then the painted palette is all there is).
      if (item.values.length === 0 && anyPrinted && read.nameSource === 'generated') continue;
      let role = read.role;
      let roleSource = read.roleSource;
      if (!role || ROLE_STRENGTH[roleSource] < ROLE_STRENGTH.group) {
        const group = groupRole(pageText, item, captions);
        if (group) {
          role = group;
          roleSource = 'group';
        } else if (!role && section) {
          role = roleFromText(section.text)!.role;
          roleSource = 'section';
        }
      }
      const misuse = isMisuseRegion(pageText, item.box);
      const provenance: Provenance[] = [
        ...item.values.slice(0, 1).map((v): Provenance => ({ page: page.page, bbox: v.line.box, source: page.ocr ? 'raster' : 'text' })),
        ...(item.swatch ? [{ page: page.page, bbox: item.swatch.box, source: item.swatch.raster ? 'raster' : 'vector' } satisfies Provenance] : []),
      ];
      const nameProvenance: Provenance | null = read.nameLine ? { page: page.page, bbox: read.nameLine.box, source: page.ocr ? 'raster' : 'text', field: 'name' } : null;
      const cmyk = item.values.find((v) => v.cmyk)?.cmyk;
      const pantone = item.values.find((v) => v.pantone)?.pantone;
      const existing = entries.get(item.hex);
      if (existing) {
        existing.provenance.push(...provenance);
        existing.inMisuseOnly &&= misuse;
        existing.painted ||= Boolean(item.swatch);
        if (!misuse && role && ROLE_STRENGTH[roleSource] > ROLE_STRENGTH[existing.roleSource]) {
          existing.role = role;
          existing.roleSource = roleSource;
        }
        if (read.name && NAME_RANK[read.nameSource] > NAME_RANK[existing.nameSource]) {
          existing.name = read.name;
          existing.nameSource = read.nameSource;
          existing.nameProvenance = nameProvenance;
        }
        existing.context.push(...read.context);
        existing.cmyk ??= cmyk;
        existing.pantone ??= pantone;
        continue;
      }
      entries.set(item.hex, {
        hex: item.hex,
        name: read.name,
        nameSource: read.name ? read.nameSource : 'generated',
        nameProvenance,
        role,
        roleSource: role ? roleSource : 'inferred',
        context: read.context,
        provenance,
        cmyk,
        pantone,
        inMisuseOnly: misuse,
        order: order++,
        painted: Boolean(item.swatch),
      });
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
  const unnamed = kept.filter((e) => !e.name);
  const generated = describeColors(
    unnamed.map((e) => e.hex),
    new Set(kept.filter((e) => e.name).map((e) => e.name!.toLowerCase())),
  );
  unnamed.forEach((e, i) => {
    e.name = generated[i]!;
    e.nameSource = 'generated';
  });
  // Visual clue when nothing is stated: the first chromatic colour listed is the identity colour.
  const firstChromatic = kept.find((e) => !e.role && !isAchromatic(e.hex));
  const colors: Color[] = kept.map((e) => {
    let usage: ColorUsage;
    let confidence: number;
    if (e.role) {
      usage = e.role;
      confidence = ROLE_STRENGTH[e.roleSource];
    } else if (isAchromatic(e.hex)) {
      usage = 'neutral';
      confidence = 0.45;
    } else if (e === firstChromatic) {
      usage = 'primary';
      confidence = 0.45;
    } else {
      usage = 'secondary';
      confidence = 0.35;
    }
    if (e.provenance.every((p) => p.source === 'vector')) confidence = Math.min(confidence, 0.5);
    const provenance = [...e.provenance.slice(0, 6)];
    if (e.nameSource === 'generated') provenance.push({ page: e.provenance[0]?.page ?? 1, source: 'generated', field: 'name' });
    else if (e.nameProvenance) provenance.push(e.nameProvenance);
    if (e.role) provenance.push({ page: e.provenance[0]?.page ?? 1, source: 'text', field: 'usage' });
    return {
      name: e.name!,
      hex: e.hex,
      usage,
      usage_weight: 0,
      context: [...new Set(e.context)].join(' ').slice(0, 240) || null,
      confidence,
      provenance,
      verified: true,
      ...(e.pantone ? { pantone: e.pantone } : {}),
      ...(e.cmyk ? { cmyk: e.cmyk } : {}),
    };
  });
  assignWeights(colors, paintedArea);
  for (const c of colors) {
    const e = entries.get(c.hex)!;
    if (e.nameSource === 'generated') review.push(`Colour ${c.hex}: the PDF gives no name, so it was named "${c.name}" from its colour — rename it if the brand has a name for it.`);
    if (!e.role) review.push(`Colour ${c.hex} (${c.name}): role "${c.usage}" was inferred, not stated — please confirm.`);
  }
  return { colors, gradients: dedupeGradients(gradients), review };
}

function gradientName(item: Item): string | null {
  const labels = [...item.labels].sort((a, b) => a.gap - b.gap);
  const texts = labels.map(({ line }) => ({ line, text: labelText(line.text).replace(/\b(linear|radial|conic)-gradient\b/gi, ' ').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim() }));
  // A short noun phrase names the gradient; the section word ("Gradients", "Verlauf") does not.
  const named = texts.find(({ line, text }) => labelKind(line.text, text) === 'name');
  if (named) return named.text;
  const loose = texts.find(({ text }) => /\p{L}{3,}/u.test(text) && text.split(/\s+/).length <= 4 && !(mentionsSection(text, 'gradient') && text.split(/\s+/).length <= 2));
  return loose ? loose.text.replace(/\b(gradient|verlauf|degrad[eé]|degradado|sfumatura|gradiente)\b/gi, '').trim() || null : null;
}

function printedAngle(lines: TextLine[]): number | null {
  for (const line of lines) {
    const m = /(-?\d{1,3})\s*(?:°|deg\b)/i.exec(line.text);
    if (m) return Number(m[1]);
  }
  return null;
}

function gradientFrom(shading: ShadingEvidence, item: Item, values: Value[], page: number): Gradient {
  const lines = item.labels.map((l) => l.line);
  const printed = values.filter((v) => lines.includes(v.line)).map((v) => v.hex);
  const stops = printed.length >= 2 ? printed : shading.stops;
  return {
    name: gradientName(item) ?? `Gradient ${stops[0]} – ${stops.at(-1)}`,
    stops: stops.map((hex, i) => ({ hex, position: stops.length > 1 ? Math.round((i / (stops.length - 1)) * 100) / 100 : null })),
    // CSS degrees (0 = to top, 90 = to right), as designers print them; the shading's own angle is measured y-up.
    angle: printedAngle(lines) ?? (shading.angle === null ? null : (450 - shading.angle) % 360),
    provenance: [{ page, bbox: shading.box, source: 'vector' }],
  };
}

/** Gradients stated only in text ("Sunrise: #FF5F6D → #FFC371", CSS linear-gradient). */
function textGradients(values: Value[], shadings: Item[], page: number): Gradient[] {
  const byLine = new Map<TextLine, Value[]>();
  for (const v of values) if (v.gradient) byLine.set(v.line, [...(byLine.get(v.line) ?? []), v]);
  const out: Gradient[] = [];
  for (const [line, vs] of byLine) {
    if (vs.length < 2 || shadings.some((s) => s.labels.some((l) => l.line === line))) continue;
    const name = labelText(line.text)
      .replace(/\b(linear|radial|conic)-gradient\b/gi, ' ')
      .replace(/[()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    out.push({
      name: name && labelKind(name, name) === 'name' ? name : `Gradient ${vs[0]!.hex} – ${vs.at(-1)!.hex}`,
      stops: vs.map((v, i) => ({ hex: v.hex, position: Math.round((i / (vs.length - 1)) * 100) / 100 })),
      angle: printedAngle([line]),
      provenance: [{ page, bbox: line.box, source: 'text' }],
    });
  }
  return out;
}

function dedupeGradients(gradients: Gradient[]): Gradient[] {
  const seen = new Set<string>();
  return gradients.filter((g) => {
    const key = g.stops.map((s) => s.hex).join('>');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
