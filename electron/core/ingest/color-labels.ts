import type { ColorUsage, NormalizedBox } from '../../../shared/schema';
import { headingAbove, type Item } from './color-items';
import { labelText, wordsOfText } from './color-values';
import { attachment, distance, overlapX } from './geometry';
import { labelKind, labelParts, isProse, type LabelKind } from './label-kind';
import type { PageText } from './page-text';
import type { TextLine } from './text-lines';
import { fold, fuzzyRoleFromText, mentionsSection, onlyVocabulary, roleFromText } from './vocabulary';

// The text around a palette entry: which lines caption it, and the name, role and prose they give it.

/** How a colour's role was found: the strongest evidence wins, and the model may only replace guesses. */
export type RoleSource = 'label' | 'group' | 'section' | 'prose' | 'inferred';
export const ROLE_STRENGTH: Record<RoleSource, number> = { label: 0.9, group: 0.8, section: 0.7, prose: 0.6, inferred: 0.4 };

/** How a colour's name was found: a label next to its swatch, or generated from the colour itself. */
export type NameSource = 'label' | 'nearby' | 'generated';

const MISUSE_WORDS = /\b(don'?t|don’t|do not|never|avoid|incorrect|wrong|misuse|mis-use|unacceptable|not allowed|falsch|niemals|incorrecte?|jamais|a eviter|incorrecto|nunca|scorretto|da evitare|incorreto|niet doen|nooit|undvik|aldrig|undga|unnga|aldri|forkert)\b|[✗✕✖×]/i;

export function isMisuseRegion(pageText: PageText, box: NormalizedBox): boolean {
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
export function attachLabels(pageText: PageText, items: Item[], valueLines: Set<TextLine>): void {
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

export interface Named {
  name: string | null;
  nameSource: NameSource;
  nameLine: TextLine | null;
  role: ColorUsage | null;
  roleSource: RoleSource;
  context: string[];
}

/** Read an item's labels: its name (a short noun phrase), stated role and the prose about it. */
export function readLabels(item: Item): Named {
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

function groupRole(pageText: PageText, item: Item, captions: Set<TextLine>): ColorUsage | null {
  const nearest = headingAbove(pageText, item.box, captions);
  if (!nearest) return null;
  return (nearest.items.some((i) => i.ocr) ? fuzzyRoleFromText(nearest.text) : roleFromText(nearest.text))?.role ?? null;
}

/** An item's role: its own label's, else its group heading's, else the page section's (the strongest evidence wins). */
export function itemRole(pageText: PageText, item: Item, read: Named, captions: Set<TextLine>, section: TextLine | undefined): { role: ColorUsage | null; roleSource: RoleSource } {
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
  return { role, roleSource };
}
