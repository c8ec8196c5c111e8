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
 * Join runs into lines. Two runs join when their vertical centres are within half a
 * line and the horizontal gap is under ~1.5 em, so table cells in separate columns stay apart.
 */
export function buildLines(page: PageEvidence): TextLine[] {
  const items = [...page.texts].sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2) || a.box.x - b.box.x);
  const lines: TextLine[] = [];
  const open: TextLine[] = [];
  for (const item of items) {
    const cy = item.box.y + item.box.h / 2;
    const em = item.size / page.width;
    let target: TextLine | undefined;
    for (const line of open) {
      const lcy = line.box.y + line.box.h / 2;
      const gap = item.box.x - (line.box.x + line.box.w);
      if (Math.abs(lcy - cy) < Math.max(line.box.h, item.box.h) * 0.5 && gap > -em * 0.5 && gap < em * 1.5) {
        target = line;
        break;
      }
    }
    if (target) {
      const gap = item.box.x - (target.box.x + target.box.w);
      const last = target.text.at(-1) ?? '';
      const needsSpace = gap > em * 0.15 && last !== ' ' && !item.str.startsWith(' ');
      target.text += (needsSpace ? ' ' : '') + item.str;
      target.box = union(target.box, item.box);
      target.size = Math.max(target.size, item.size);
      target.items.push(item);
    } else {
      const line: TextLine = { page: page.page, text: item.str, box: { ...item.box }, size: item.size, items: [item] };
      lines.push(line);
      open.push(line);
      // Only lines near the current baseline can still grow.
      while (open.length > 0 && open[0]!.box.y + open[0]!.box.h < item.box.y - item.box.h) open.shift();
    }
  }
  for (const line of lines) line.text = line.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text.length > 0);
}

/** Heading-like lines: clearly larger than the page's body text. */
export function headings(lines: readonly TextLine[]): TextLine[] {
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 10;
  return lines.filter((l) => l.size >= body * 1.3 && l.text.length <= 80);
}

export const centre = (b: NormalizedBox) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
