import type { NormalizedBox } from '../../../shared/schema';
import type { PageEvidence, TextEvidence } from './evidence-types';

/** Text runs that sit on one baseline and close together, joined as the reader would read them. */
export interface TextLine {
  page: number;
  text: string;
  box: NormalizedBox;
  size: number;
  items: TextEvidence[];
}

export function union(a: NormalizedBox, b: NormalizedBox): NormalizedBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/**
 * Join runs into lines. Runs whose vertical centres are within half a line form a row (read left
 * to right, whatever order the PDF or OCR gave them); a row splits where the horizontal gap
 * exceeds ~1.5 em, so table cells in separate columns stay apart.
 */
export function buildLines(page: PageEvidence): TextLine[] {
  const items = [...page.texts].sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2) || a.box.x - b.box.x);
  const rows: TextEvidence[][] = [];
  const open: { cy: number; h: number; items: TextEvidence[] }[] = [];
  for (const item of items) {
    const cy = item.box.y + item.box.h / 2;
    const row = open.find((r) => Math.abs(r.cy - cy) < Math.max(r.h, item.box.h) * 0.5 && r.items.every((o) => o.box.x + o.box.w <= item.box.x + item.box.w * 0.5 || o.box.x >= item.box.x + item.box.w * 0.5 || o === item));
    if (row) row.items.push(item);
    else {
      const created = { cy, h: item.box.h, items: [item] };
      open.push(created);
      rows.push(created.items);
    }
    // Only rows near the current baseline can still grow.
    while (open.length > 0 && open[0]!.cy + open[0]!.h < cy - item.box.h) open.shift();
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.box.x - b.box.x);
    let line: TextLine | null = null;
    for (const item of row) {
      const em = item.size / page.width;
      const gap = line ? item.box.x - (line.box.x + line.box.w) : Infinity;
      if (line && gap > -em * 0.5 && gap < em * 1.5) {
        const last = line.text.at(-1) ?? '';
        const needsSpace = gap > em * 0.15 && last !== ' ' && !item.str.startsWith(' ');
        line.text += (needsSpace ? ' ' : '') + item.str;
        line.box = union(line.box, item.box);
        line.size = Math.max(line.size, item.size);
        line.items.push(item);
      } else {
        line = { page: page.page, text: item.str, box: { ...item.box }, size: item.size, items: [item] };
        lines.push(line);
      }
    }
  }
  for (const line of lines) line.text = line.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text.length > 0).sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/** Heading-like lines: clearly larger than the page's body text. */
export function headings(lines: readonly TextLine[]): TextLine[] {
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 10;
  return lines.filter((l) => l.size >= body * 1.3 && l.text.length <= 80);
}

export const centre = (b: NormalizedBox) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
