import type { Components } from './text-components';
import type { Glyph } from './text-glyphs';
import { find } from './union-find';

/**
 * Step 4 of text detection (text-regions.ts): glyphs of similar colour on the
 * same surface colour, aligned and close together, are chained into lines —
 * at least three, or one long word-shaped blob.
 */

/** Glyphs chained into lines: same background colour, similar colour, aligned, close. */
export function groupLines(glyphs: Glyph[], comp: Components): Glyph[][] {
  glyphs.sort((a, b) => a.x0 - b.x0);
  const parent = Int32Array.from(glyphs, (_, i) => i);
  for (let i = 0; i < glyphs.length; i++) {
    const a = glyphs[i]!;
    const ha = a.y1 - a.y0 + 1;
    for (let j = i + 1; j < glyphs.length; j++) {
      const b = glyphs[j]!;
      const hb = b.y1 - b.y0 + 1;
      const h = Math.max(ha, hb);
      if (b.x0 - a.x1 > 1.6 * h) {
        if (b.x0 - a.x1 > 1.6 * ha * 2.5) break;
        continue;
      }
      if (comp.mode[a.container] !== comp.mode[b.container]) continue;
      if (Math.max(ha, hb) > 2.6 * Math.min(ha, hb)) continue;
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
      if (overlap < 0.4 * Math.min(ha, hb)) continue;
      if (Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b)) > 40) continue;
      const ra = find(parent, i);
      const rb = find(parent, j);
      if (ra !== rb) parent[rb] = ra;
    }
  }
  const groups = new Map<number, Glyph[]>();
  glyphs.forEach((g, i) => {
    const r = find(parent, i);
    const list = groups.get(r);
    if (list) list.push(g);
    else groups.set(r, [g]);
  });
  const out: Glyph[][] = [];
  for (const members of groups.values()) {
    if (members.length >= 3) out.push(members);
    else if (members.length >= 1) {
      // A word drawn as one or two touching shapes: wide and with a long outline.
      const w = Math.max(...members.map((g) => g.x1)) - Math.min(...members.map((g) => g.x0)) + 1;
      const h = Math.max(...members.map((g) => g.y1)) - Math.min(...members.map((g) => g.y0)) + 1;
      const edges = members.reduce((sum, g) => sum + g.edges, 0);
      if (w >= 2.5 * h && edges >= 3 * (w + h)) out.push(members);
    }
  }
  return out;
}
