import type { NormalizedBox } from '../../../shared/schema';
import type { PageEvidence, PaintMark } from './evidence-types';
import { contains, unionBox } from './geometry';
import { buildLines, headings, type TextLine } from './text-lines';
import { mentionsSection, type Section } from './vocabulary';

/**
 * Logo candidates on a page, from its painting operators (docs/ARCHITECTURE.md, "Logos"): each
 * embedded image, and each group of vector shapes drawn close together, with the operators that
 * draw it (so only they are rendered) and the panel behind it. Pure: rendering and ranking are
 * logo-render.ts and logo-rank.ts.
 */

/** Why a page is searched for logos: the cover, a page about the logo, or the page after one. */
export type LogoPageRole = 'cover' | 'logo' | 'continuation';

export interface LogoCandidate {
  page: number;
  /** Box on the page (top-left origin, 0..1). */
  box: NormalizedBox;
  /** Operator indices that draw it. */
  ops: number[];
  source: 'vector' | 'raster';
  pageRole: LogoPageRole;
  /** Colour of the panel or page background it sits on, when the PDF paints one. */
  backdrop: string | null;
  /** Share of its box under text-layer lines (captions, body text): diagrams and tables have much. */
  textCover: number;
  /** Reading order among the page's candidates (0 = first). */
  order: number;
  /** The page's title lines ("Logo", "Secondary versions"), joined. */
  pageTitle: string;
  /** What OCR read over it, when it is outlined text (a wordmark reads as the brand's name; a heading as a heading). */
  ocrText: string | null;
}

const OTHER_SECTIONS: Section[] = ['colors', 'typography', 'gradient'];

/** The section words of a page's headings (or of its short title-like lines when it has no larger text). */
function titleLines(lines: TextLine[]): TextLine[] {
  const heads = headings(lines);
  if (heads.length > 0) return heads;
  return lines.filter((l) => l.text.split(/\s+/).length <= 4).slice(0, 4);
}

/**
 * Whether the page is searched: page 1 (the cover), a page whose headings (or, failing them, two
 * of its lines) name the logo in any supported language, or the page after a logo page when its
 * own headings name no other section.
 * Misuse pages ("Logo don'ts") are never searched.
 */
export function logoPageRole(page: PageEvidence, previous: LogoPageRole | null, lines: TextLine[] = buildLines(page)): LogoPageRole | null {
  const titles = titleLines(lines);
  // A misuse page shows the logo stretched, recoloured and crowded: exactly what must not be picked.
  if (titles.some((l) => mentionsSection(l.text, 'dont'))) return null;
  if (titles.some((l) => mentionsSection(l.text, 'logo'))) return 'logo';
  const otherSection = titles.some((l) => OTHER_SECTIONS.some((s) => mentionsSection(l.text, s)));
  // A heading OCR missed: the page's sentences are about the logo.
  if (!otherSection && lines.filter((l) => mentionsSection(l.text, 'logo')).length >= 2) return 'logo';
  if (page.page === 1) return 'cover';
  if ((previous === 'logo' || previous === 'continuation') && !otherSection) return 'continuation';
  return null;
}

interface Mark extends PaintMark {
  /** Size in points. */
  wPt: number;
  hPt: number;
}

const overlap1d = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

/**
 * Page-filling paints and panels: what logos sit on, never part of one. A panel is a rectangle
 * with later paints inside it (a reversed logo's dark box, a card), or any fill whose later
 * contents take less than half of its box or are drawn after other things (a clear-space band);
 * a badge drawn together with the letters that fill it is part of its logo.
 */
function isBackground(m: Mark, all: readonly Mark[]): boolean {
  if (m.box.w * m.box.h >= 0.3) return true;
  if (m.kind !== 'fill') return false;
  const area = m.box.w * m.box.h;
  const inside = all.filter((o) => o !== m && o.kind !== 'stroke' && contains(m.box, o.box, 0.002) && o.box.w * o.box.h < area * 0.95);
  if (m.rect) return inside.filter((o) => o.op > m.op).length >= 2 || inside.some((o) => o.kind === 'image' && o.op > m.op);
  if (inside.length < 2) return false;
  const content = inside.map((o) => o.box).reduce(unionBox);
  if (content.w * content.h < area * 0.5) return true;
  // Drawn apart from its contents (other things painted elsewhere in between): a backdrop or a band, not the logo's own shape.
  const ops = inside.map((o) => o.op);
  const [from, to] = m.op < Math.min(...ops) ? [m.op, Math.min(...ops)] : m.op > Math.max(...ops) ? [Math.max(...ops), m.op] : [m.op, m.op];
  return all.some((o) => o.op > from && o.op < to && !contains(m.box, o.box, 0.002));
}

/** Hairlines and rules: they would join everything they cross. */
const isHairline = (m: Mark) => (m.kind === 'fill' && m.rect && (m.wPt < 1.5 || m.hPt < 1.5)) || m.kind === 'stroke';

/** Candidate limits in points and page shares: smaller is a bullet or a glyph, larger a photo or a page. */
const MIN_W_PT = 14;
const MIN_H_PT = 6;
const MAX_AREA = 0.4;
const MIN_AREA = 0.0004;

function plausible(box: NormalizedBox, width: number, height: number): boolean {
  const w = box.w * width;
  const h = box.h * height;
  const area = box.w * box.h;
  return w >= MIN_W_PT && h >= MIN_H_PT && area >= MIN_AREA && area <= MAX_AREA && w / h >= 0.2 && w / h <= 12;
}

/** Gaps between two boxes along each axis, in points (0 where they overlap). */
function gaps(a: NormalizedBox, b: NormalizedBox, width: number, height: number): { dx: number; dy: number } {
  return {
    dx: Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w)) * width,
    dy: Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h)) * height,
  };
}

/**
 * Group a page's vector shapes: shapes join when they are closer than 0.4 of the lower one's
 * height side by side and 0.25 of it above each other (letters into words, parts of a symbol);
 * then groups on one row join within half the taller one's height (a symbol beside its
 * wordmark), groups in one column within 0.3 of it (a symbol over its wordmark, the lines of a
 * stacked logo). Shapes on different panels never join; separate logos shown apart stay apart.
 */
function vectorGroups(marks: Mark[], width: number, height: number, backgrounds: readonly Mark[]): Mark[][] {
  // What each shape sits in (the smallest panel around it): shapes on different panels never join.
  const panelOf = (box: NormalizedBox) => {
    let best = -1;
    backgrounds.forEach((b, i) => {
      if (contains(b.box, box, 0.002) && (best < 0 || b.box.w * b.box.h < backgrounds[best]!.box.w * backgrounds[best]!.box.h)) best = i;
    });
    return best;
  };
  const panel = marks.map((m) => panelOf(m.box));
  const order = marks.map((_, i) => i).sort((a, b) => marks[a]!.box.x - marks[b]!.box.x);
  const uf = new UnionFind(marks.length);
  for (let oi = 0; oi < order.length; oi++) {
    const a = marks[order[oi]!]!;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const b = marks[order[oj]!]!;
      // Sorted by left edge: once b starts beyond a's reach, every later mark does too.
      if ((b.box.x - (a.box.x + a.box.w)) * width > 0.4 * a.hPt) break;
      if (panel[order[oi]!] !== panel[order[oj]!]) continue;
      const h = Math.min(a.hPt, b.hPt);
      const { dx, dy } = gaps(a.box, b.box, width, height);
      if (dx <= 0.4 * h && dy <= 0.25 * h) uf.union(order[oi]!, order[oj]!);
    }
  }
  const byRoot = new Map<number, Mark[]>();
  marks.forEach((m, i) => {
    const root = uf.find(i);
    const list = byRoot.get(root);
    if (list) list.push(m);
    else byRoot.set(root, [m]);
  });
  const groups = [...byRoot.entries()].map(([root, members]) => ({ members, box: members.map((m) => m.box).reduce(unionBox), panel: panel[root]! }));
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (groups[i]!.panel !== groups[j]!.panel) continue;
        const a = groups[i]!.box;
        const b = groups[j]!.box;
        const h = Math.max(a.h, b.h) * height;
        const { dx, dy } = gaps(a, b, width, height);
        const row = overlap1d(a.y, a.y + a.h, b.y, b.y + b.h) >= 0.5 * Math.min(a.h, b.h) && dx <= 0.5 * h;
        const column = overlap1d(a.x, a.x + a.w, b.x, b.x + b.w) >= 0.5 * Math.min(a.w, b.w) && dy <= 0.3 * h;
        if (!row && !column) continue;
        groups[i] = { members: [...groups[i]!.members, ...groups[j]!.members], box: unionBox(a, b), panel: groups[i]!.panel };
        groups.splice(j, 1);
        merged = true;
        break outer;
      }
    }
  }
  return groups.map((g) => g.members);
}

const overlapArea = (a: NormalizedBox, b: NormalizedBox) => overlap1d(a.x, a.x + a.w, b.x, b.x + b.w) * overlap1d(a.y, a.y + a.h, b.y, b.y + b.h);

/** Share of a box covered by text-layer lines (each line's overlap, capped at the box). */
function textCover(box: NormalizedBox, lines: readonly TextLine[]): number {
  let covered = 0;
  for (const l of lines) if (!l.items.every((i) => i.ocr)) covered += overlapArea(box, l.box);
  return Math.min(1, covered / Math.max(1e-9, box.w * box.h));
}

/** The OCR'd lines that lie mostly inside a box (the outlined text it draws), or null. */
function ocrTextIn(box: NormalizedBox, lines: readonly TextLine[]): string | null {
  const inside = lines.filter((l) => l.items.every((i) => i.ocr) && overlapArea(box, l.box) >= 0.5 * l.box.w * l.box.h);
  return inside.length > 0 ? inside.map((l) => l.text).join(' ') : null;
}

/** The colour behind a box: the last solid panel or background painted before it that contains it. */
function backdropOf(box: NormalizedBox, firstOp: number, backgrounds: readonly Mark[]): string | null {
  let found: Mark | null = null;
  for (const b of backgrounds) if (b.op < firstOp && b.hex && contains(b.box, box, 0.002) && (!found || b.op > found.op)) found = b;
  return found?.hex ?? null;
}

/** The candidates of one searched page, in reading order (top to bottom, left to right). */
export function logoCandidatesOnPage(page: PageEvidence, paints: readonly PaintMark[], role: LogoPageRole, lines: TextLine[] = buildLines(page)): LogoCandidate[] {
  const { width, height } = page;
  const pageTitle = titleLines(lines)
    .map((l) => l.text)
    .join(' · ');
  const marks: Mark[] = paints.map((p) => ({ ...p, wPt: p.box.w * width, hPt: p.box.h * height }));
  const backgrounds = marks.filter((m) => isBackground(m, marks));
  const backgroundSet = new Set(backgrounds);
  const out: Omit<LogoCandidate, 'order' | 'pageTitle'>[] = [];
  const candidate = (box: NormalizedBox, ops: number[], source: 'vector' | 'raster') => {
    if (!plausible(box, width, height)) return;
    out.push({ page: page.page, box, ops, source, pageRole: role, backdrop: backdropOf(box, Math.min(...ops), backgrounds), textCover: textCover(box, lines), ocrText: ocrTextIn(box, lines) });
  };
  for (const m of marks) if (m.kind === 'image' && !backgroundSet.has(m)) candidate(m.box, [m.op], 'raster');
  const shapes = marks.filter((m) => m.kind !== 'image' && !backgroundSet.has(m) && !isHairline(m));
  const strokes = marks.filter((m) => m.kind === 'stroke');
  for (const members of vectorGroups(shapes, width, height, backgrounds)) {
    // Plain rectangles and gradients alone are swatches, bars and tables, not a logo.
    if (members.every((m) => m.rect || m.kind === 'shading')) continue;
    const box = members.map((m) => m.box).reduce(unionBox);
    // Outlines inside the group belong to it; construction lines reaching past it do not.
    const outlines = strokes.filter((s) => contains(box, s.box, Math.max(box.w, box.h) * 0.02));
    candidate(box, [...members, ...outlines].map((m) => m.op).sort((a, b) => a - b), 'vector');
  }
  return out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x).map((c, order) => ({ ...c, order, pageTitle }));
}
