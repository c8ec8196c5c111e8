import type { NormalizedBox } from '../../../shared/schema';

/** Gap between two boxes (0 when they touch or overlap). */
export function distance(a: NormalizedBox, b: NormalizedBox): number {
  const dx = Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w));
  const dy = Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h));
  return Math.hypot(dx, dy);
}

export function overlapX(a: NormalizedBox, b: NormalizedBox): number {
  return Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
}

export function overlapY(a: NormalizedBox, b: NormalizedBox): number {
  return Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
}

export function contains(outer: NormalizedBox, inner: NormalizedBox, slack = 0.002): boolean {
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.w <= outer.x + outer.w + slack && inner.y + inner.h <= outer.y + outer.h + slack;
}

export function unionBox(a: NormalizedBox, b: NormalizedBox): NormalizedBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export interface Attachment {
  gap: number;
  /** inside the box, in its column (above/below), or in its row (beside, as in a table). */
  direction: 'inside' | 'column' | 'row';
}

/**
 * How far a label sits from a box in the directions captions are written: above or below
 * within the same column, beside within the same row, or inside (gap 0). Null otherwise.
 */
export function attachment(label: NormalizedBox, box: NormalizedBox): Attachment | null {
  const cx = label.x + label.w / 2;
  const cy = label.y + label.h / 2;
  // A caption block beside a swatch may run past the item's right edge; it still starts inside it.
  const startsInside = label.x >= box.x - 0.002 && label.x < box.x + box.w && cy >= box.y && cy <= box.y + box.h;
  const inside = startsInside || overlapX(label, box) * overlapY(label, box) >= 0.5 * label.w * label.h;
  if ((cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h) || inside) return { gap: 0, direction: 'inside' };
  const ox = overlapX(label, box);
  if (ox >= 0.4 * Math.min(label.w, box.w) || (label.x >= box.x - 0.01 && label.x <= box.x + box.w * 0.5)) {
    if (label.y >= box.y + box.h - label.h * 0.3) return { gap: Math.max(0, label.y - (box.y + box.h)), direction: 'column' };
    if (label.y + label.h <= box.y + label.h * 0.3) return { gap: Math.max(0, box.y - (label.y + label.h)), direction: 'column' };
  }
  const oy = overlapY(label, box);
  if (oy >= 0.5 * Math.min(label.h, box.h)) {
    if (label.x >= box.x + box.w - 0.005) return { gap: (label.x - (box.x + box.w)) * 1.1, direction: 'row' };
    // Left of the item only as a table's first cell: a row about as tall as the label.
    if (label.x + label.w <= box.x + 0.005 && box.h <= label.h * 3.5) return { gap: (box.x - (label.x + label.w)) * 1.2, direction: 'row' };
  }
  return null;
}

export function attachmentGap(label: NormalizedBox, box: NormalizedBox): number {
  return attachment(label, box)?.gap ?? Infinity;
}
