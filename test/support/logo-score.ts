import type { NormalizedBox } from '../../shared/schema';
import type { LogoVariant } from '../../shared/vocab/logos';

/** Where a logo is (truth) or was found (extraction): page, box, variant. */
export interface PlacedLogo {
  page: number;
  box: NormalizedBox;
  variant: LogoVariant;
}

export function iou(a: NormalizedBox, b: NormalizedBox): number {
  const x = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = x * y;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

export interface LogoScore {
  /** IoU of the primary logo in use with the primary drawn on its page (0 when none was picked). */
  primaryIou: number;
  /** Per variant the document draws: the file in use for it matches a drawing of that variant (IoU ≥ 0.8). */
  variants: { variant: LogoVariant; found: boolean }[];
  /** Files that match no drawing of their variant. */
  wrong: number;
}

const bestIou = (found: PlacedLogo, truth: readonly PlacedLogo[], variant: LogoVariant) =>
  Math.max(0, ...truth.filter((t) => t.page === found.page && t.variant === variant).map((t) => iou(t.box, found.box)));

/** Score extracted logo files (in order: the first of each variant is in use) against where the logos were drawn. */
export function scoreLogos(truth: readonly PlacedLogo[], found: readonly PlacedLogo[]): LogoScore {
  const inUse = (variant: LogoVariant) => found.find((f) => f.variant === variant);
  const primary = inUse('primary');
  const variants = [...new Set(truth.map((t) => t.variant))].map((variant) => {
    const f = inUse(variant);
    return { variant, found: f !== undefined && bestIou(f, truth, variant) >= 0.8 };
  });
  return { primaryIou: primary ? bestIou(primary, truth, 'primary') : 0, variants, wrong: found.filter((f) => bestIou(f, truth, f.variant) < 0.8).length };
}
