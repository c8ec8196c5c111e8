import { deltaE2000, hexToLab } from '../../../shared/color';
import type { LogoVariant } from '../../../shared/vocab/logos';
import type { CandidateFeatures, RenderedCandidate } from './logo-render';
import { fold, roleFromText } from './vocabulary';

/**
 * Which rendered candidates become the brand's logo files (docs/ARCHITECTURE.md, "Logos"). A
 * candidate scores for being on a page about the logo or on the cover (less on a page of
 * secondary versions), for repeating across
 * pages (the logo is shown again and again; illustrations are not), for coming first on its page,
 * for a logo's size and proportions, and for being drawn in the palette's colours; text over it
 * (a diagram, a table), outlined text that is not the brand's name and a plain dot or block
 * count against it. Variants: a squarish candidate beside a wider, better
 * one is the mark; otherwise light ink on a dark panel or image is the reversed logo. The best two per
 * variant are kept, the first of each in use; all of them wait for a designer's review.
 */

export interface PickedLogo {
  candidate: RenderedCandidate;
  variant: LogoVariant;
  /** 0..1: how sure the pick is. */
  confidence: number;
}

const ROLE_SCORE = { logo: 0.35, cover: 0.25, continuation: 0.2 } as const;
/** Below this a candidate is not offered at all. */
const MIN_SCORE = 0.4;
const PER_VARIANT = 2;

/** Correlation of two shape signatures (1 = same shape). */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The same logo drawn twice: close proportions and shapes. */
export function sameLogo(a: CandidateFeatures, b: CandidateFeatures): boolean {
  const ratio = a.aspect / b.aspect;
  return ratio > 0.87 && ratio < 1.15 && signatureSimilarity(a.signature, b.signature) >= 0.75;
}

const squarish = (f: CandidateFeatures) => f.aspect >= 0.6 && f.aspect <= 1.5;
const lightness = (hex: string) => hexToLab(hex).l;

/** Share of the ink within ΔE00 10 of a palette colour (0 without a palette). */
function paletteShare(features: CandidateFeatures, palette: readonly string[]): number {
  if (palette.length === 0) return 0;
  const labs = palette.map(hexToLab);
  return features.ink.reduce((s, c) => {
    const lab = hexToLab(c.hex);
    return s + (labs.some((p) => deltaE2000(lab, p) <= 10) ? c.share : 0);
  }, 0);
}

const area = (c: RenderedCandidate) => c.box.w * c.box.h;

/** One path in one colour without a hole: a decorative dot or block rather than a symbol. */
function plainShape(c: RenderedCandidate): boolean {
  if (c.source !== 'vector' || c.ops.length > 1 || (c.features.ink[0]?.share ?? 0) < 0.95) return false;
  const sig = c.features.signature;
  for (let y = 4; y < 12; y++) for (let x = 4; x < 12; x++) if (sig[y * 16 + x]! < 0.5) return false;
  return true;
}

/**
 * The mark: a squarish drawing shown beside a clearly larger, different one — the best candidate
 * or another on its page (the symbol next to the full logo); a squarish logo alone is the logo.
 */
function isMark(c: RenderedCandidate, best: RenderedCandidate | null, all: readonly RenderedCandidate[]): boolean {
  if (!squarish(c.features) || c === best) return false;
  const larger = (o: RenderedCandidate) => o !== c && area(o) >= 1.8 * area(c) && !sameLogo(o.features, c.features);
  return (best !== null && !squarish(best.features) && !sameLogo(best.features, c.features)) || all.some((o) => o.page === c.page && larger(o));
}

/** Light ink on something dark: the PDF's panel behind it, or the image's own background. */
function onDark(c: RenderedCandidate): boolean {
  if (c.features.inkLightness < 75) return false;
  const behind = c.features.background ?? c.backdrop;
  return behind !== null && lightness(behind) < 45;
}

/** Light ink with nothing dark behind it would be invisible on the page: not a logo as shown. */
function invisible(c: RenderedCandidate): boolean {
  const behind = c.features.background ?? c.backdrop ?? '#FFFFFF';
  return c.features.inkLightness >= 92 && lightness(behind) >= 85;
}

/** Outlined text that does not read as the brand's name: a heading or a caption, not a wordmark. */
function otherText(c: RenderedCandidate, brandName: string | null): boolean {
  if (c.ocrText === null) return false;
  const letters = (t: string) => fold(t).replace(/[^\p{L}\p{N}]/gu, '');
  return brandName === null || !letters(c.ocrText).includes(letters(brandName).slice(0, 12));
}

export function scoreCandidate(c: RenderedCandidate, all: readonly RenderedCandidate[], palette: readonly string[], brandName: string | null = null): number {
  let score = ROLE_SCORE[c.pageRole];
  // "Primary logo" / "Secondary versions": the page says which logo is the main one.
  const stated = roleFromText(c.pageTitle)?.role;
  if (stated === 'primary') score += 0.05;
  else if (stated === 'secondary') score -= 0.1;
  const repeats = new Set(all.filter((o) => o !== c && (o.page !== c.page || Math.abs(o.box.y - c.box.y) > 0.02 || Math.abs(o.box.x - c.box.x) > 0.02) && sameLogo(o.features, c.features)).map((o) => `${o.page}:${o.order}`));
  const otherPages = new Set(all.filter((o) => o !== c && o.page !== c.page && sameLogo(o.features, c.features)).map((o) => o.page));
  score += Math.min(0.3, 0.1 * repeats.size + 0.05 * otherPages.size);
  if (c.order === 0) score += 0.1;
  const area = c.box.w * c.box.h;
  if (area >= 0.002 && area <= 0.15) score += 0.1;
  else if (area < 0.001) score -= 0.15;
  else if (area > 0.25) score -= 0.15;
  if (c.features.aspect < 0.3 || c.features.aspect > 8) score -= 0.2;
  score += 0.2 * paletteShare(c.features, palette);
  score -= 0.5 * c.textCover;
  // Full-bleed photographs on a logo page are usage examples, not the logo.
  if (c.source === 'raster' && c.features.ink.length >= 4 && c.features.ink[0]!.share < 0.2) score -= 0.2;
  if (plainShape(c)) score -= 0.4;
  if (otherText(c, brandName)) score -= 0.3;
  return Math.max(0, Math.min(1, score));
}

/** The logo files to keep, best first within each variant. */
export function pickLogos(candidates: readonly RenderedCandidate[], palette: readonly string[], brandName: string | null = null): PickedLogo[] {
  const visible = candidates.filter((c) => !invisible(c));
  const scored = visible.map((c) => ({ c, score: scoreCandidate(c, visible, palette, brandName) })).sort((a, b) => b.score - a.score || b.c.width * b.c.height - a.c.width * a.c.height);
  const best = scored[0];
  const picked: PickedLogo[] = [];
  for (const { c, score } of scored) {
    if (score < MIN_SCORE) break;
    const variant: LogoVariant = isMark(c, best?.c ?? null, visible) ? 'mark' : onDark(c) ? 'reversed' : 'primary';
    // One file per drawing: a repeat of a kept logo (the cover and the logo page) adds nothing.
    if (picked.some((p) => p.variant === variant && sameLogo(p.candidate.features, c.features))) continue;
    if (picked.filter((p) => p.variant === variant).length >= PER_VARIANT) continue;
    picked.push({ candidate: c, variant, confidence: Math.round(score * 100) / 100 });
  }
  return picked;
}
