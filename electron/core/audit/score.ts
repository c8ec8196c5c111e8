import { hasOpenCritical } from '../../../shared/scoring';
import { DEFAULT_THRESHOLD, finalizeScore } from '../../../shared/scoring';
import type { BrandGuidelines, CategoryScore, ComplianceScore, Violation } from '../../../shared/schema';
import { paletteOf } from './palette';
import type { AuditMeasurements, TextContrast } from './types';

const clamp = (v: number) => Math.max(0, Math.min(100, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Points per unit of image area outside the palette's family tolerance (15 % off → −30). */
export const OFF_PALETTE_WEIGHT = 200;
/** Points per unit of area that is only a shade of a palette colour (family, not exact). */
export const SHADED_WEIGHT = 10;
/** Points for a role mix that is entirely wrong (total-variation distance 1 to the target shares). */
export const ROLE_WEIGHT = 30;

/**
 * colors = 100 − 200·off − 10·shaded − 30·deviation·(1 − off), clamped to 0..100.
 *
 * Monotonic: turning a share δ of on-palette pixels off-palette costs 200·δ,
 * while it can lower the other two terms by at most 10·δ (shaded) and 60·δ
 * (the role deviation is measured over the on-palette area and weighted by it),
 * so more off-palette area never raises the score.
 */
export function colorsScore(m: { off: number; shaded: number; deviation: number }): number {
  return round2(clamp(100 - OFF_PALETTE_WEIGHT * m.off - SHADED_WEIGHT * m.shaded - ROLE_WEIGHT * m.deviation * (1 - m.off)));
}

/** Points lost by one text run below its WCAG minimum: proportional to the shortfall, at most 30. */
export function contrastPenalty(t: Pick<TextContrast, 'ratio' | 'required' | 'exempt'>): number {
  if (t.exempt || t.ratio >= t.required) return 0;
  return Math.min(30, (100 * (t.required - t.ratio)) / t.required);
}

/** The contrast component of layout: 100 minus each failing text run's penalty (never rises as a ratio falls). */
export function contrastScore(texts: readonly TextContrast[]): number {
  return round2(clamp(100 - texts.reduce((s, t) => s + contrastPenalty(t), 0)));
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function paletteRef(guidelines: BrandGuidelines): NonNullable<Violation['guideline_ref']> {
  // Only a rule about keeping to the palette; "Never use accent colours for backgrounds" is about something else.
  const aboutPalette = /\bpalette\b|\b(only|exclusively|stick to|approved|official|brand)\b[^.]*\bcolou?rs?\b/i;
  const rule = guidelines.rules.find((r) => !r.negative_constraint && aboutPalette.test(r.instruction));
  if (rule) return { instruction: rule.instruction, page: rule.provenance[0]?.page ?? null };
  const names = guidelines.colors.map((c) => `${c.name} ${c.hex}`).join(', ');
  return { instruction: `Use the brand palette: ${names}`, page: guidelines.colors[0]?.provenance[0]?.page ?? null };
}

function contrastRef(guidelines: BrandGuidelines): NonNullable<Violation['guideline_ref']> {
  const rule = guidelines.rules.find((r) => /contrast|legib|readab|accessib/i.test(r.instruction));
  if (rule) return { instruction: rule.instruction, page: rule.provenance[0]?.page ?? null };
  return { instruction: 'WCAG 2.x SC 1.4.3: text contrast of at least 4.5:1 (3:1 for large text)', page: null };
}

/** Pixel findings with regions, measured evidence and the guideline each breaks; `score_impact` is what dismissing gives back. */
export function pixelFindings(measured: AuditMeasurements, guidelines: BrandGuidelines): Violation[] {
  const out: Violation[] = [];
  const base = { source: 'pixel' as const, status: 'open' as const, dismiss_reason: null };
  const ref = paletteRef(guidelines);
  let reportedOff = 0;
  measured.off_palette_regions.forEach((r, i) => {
    reportedOff += r.share;
    out.push({
      ...base,
      id: `pixel:off-palette:${i + 1}`,
      category: 'colors',
      // A foreign colour over ≥ 15 % of the image dominates it: critical, so no average of other categories can approve it.
      severity: r.share >= 0.15 ? 'critical' : r.share >= 0.05 ? 'high' : r.share >= 0.02 ? 'medium' : 'low',
      description: `Off-palette colour ${r.hex} covers ${pct(r.share)} of the image${r.nearest ? ` (nearest brand colour ${r.nearest} ${r.nearest_hex}, ΔE00 ${r.delta_e})` : ''}.`,
      fix_suggestion: r.nearest ? `Replace ${r.hex} with ${r.nearest} ${r.nearest_hex}.` : 'Use a brand palette colour here.',
      region: r.box,
      evidence: { kind: 'off_palette_region', hex: r.hex, share: r.share, nearest: r.nearest, nearest_hex: r.nearest_hex, delta_e: r.delta_e, tolerance: measured.tolerances.family, score_impact: round2(OFF_PALETTE_WEIGHT * r.share) },
      guideline_ref: ref,
    });
  });
  const scattered = measured.coverage.off - reportedOff;
  if (scattered >= 0.05) {
    out.push({
      ...base,
      id: 'pixel:off-palette:scattered',
      category: 'colors',
      severity: scattered >= 0.25 ? 'high' : 'medium',
      description: `${pct(scattered)} of the image is scattered off-palette colour (beyond ΔE00 ${measured.tolerances.family} of every brand colour) in no single region.`,
      fix_suggestion: 'Bring shading and photographic content closer to the brand palette.',
      region: null,
      evidence: { kind: 'off_palette_scattered', share: round2(scattered * 1e4) / 1e4, score_impact: round2(OFF_PALETTE_WEIGHT * scattered) },
      guideline_ref: ref,
    });
  }
  const rs = measured.role_shares;
  if (rs.deviation >= 0.2) {
    const parts = (['neutral', 'brand', 'accent', 'semantic'] as const)
      .filter((g) => rs.measured[g] > 0 || rs.target[g] > 0)
      .map((g) => `${g} ${pct(rs.measured[g])} (target ${pct(rs.target[g])})`)
      .join(', ');
    out.push({
      ...base,
      id: 'pixel:role-balance',
      category: 'colors',
      severity: rs.deviation >= 0.4 ? 'high' : 'medium',
      description: `Colour roles are out of balance: ${parts}.`,
      fix_suggestion: rs.measured.accent > rs.target.accent + 0.1 ? 'Use the accent sparingly and let neutrals carry the layout.' : 'Rebalance the colours towards the target proportions.',
      region: null,
      evidence: { kind: 'role_balance', measured: rs.measured, target: rs.target, target_source: rs.target_source, deviation: rs.deviation, score_impact: round2(ROLE_WEIGHT * rs.deviation * (1 - measured.coverage.off)) },
      guideline_ref: rs.target_source === 'usage_weights' ? ref : { instruction: '60-30-10 colour rule: 60 % neutral, 30 % brand colours, 10 % accent', page: null },
    });
  }
  const ab = measured.accent_background;
  if (ab.detected) {
    out.push({
      ...base,
      id: 'pixel:accent-background',
      category: 'colors',
      severity: 'medium',
      description: `The accent ${ab.color} ${ab.hex} is used as the background (${pct(ab.border_share)} of the image edges).`,
      fix_suggestion: 'Use a neutral or primary colour for the background and keep the accent for highlights.',
      region: { x: 0, y: 0, w: 1, h: 1 },
      evidence: { kind: 'accent_background', color: ab.color, hex: ab.hex, border_share: ab.border_share, score_impact: 0 },
      guideline_ref: ref,
    });
  }
  measured.forbidden_pairs.forEach((hit, i) => {
    out.push({
      ...base,
      id: `pixel:forbidden-pair:${i + 1}`,
      category: 'colors',
      severity: hit.severity === 'critical' ? 'critical' : 'high',
      description: `${hit.colors[0]} and ${hit.colors[1]} are used together, which the guidelines forbid.`,
      fix_suggestion: `Separate ${hit.colors[0]} and ${hit.colors[1]} or replace one of them.`,
      region: hit.box,
      evidence: { kind: 'forbidden_pair', colors: hit.colors, hexes: hit.hexes, contacts: hit.contacts, score_impact: 0 },
      guideline_ref: { instruction: hit.instruction, page: hit.page },
    });
  });
  if (measured.checkerboard.detected) {
    out.push({
      ...base,
      id: 'pixel:checkerboard',
      category: 'colors',
      // A fake transparency grid makes the asset unusable as delivered: it blocks approval.
      severity: 'critical',
      description: `A transparency checkerboard (${measured.checkerboard.colors.join(' / ')}) is painted into the image (${pct(measured.checkerboard.share)} of it) instead of a real transparent or brand background.`,
      fix_suggestion: 'Regenerate with a solid brand background, or export with a real alpha channel.',
      region: null,
      evidence: { kind: 'checkerboard', share: measured.checkerboard.share, cell_px: measured.checkerboard.cell_px, score_impact: 0 },
      guideline_ref: null,
    });
  }
  const cref = contrastRef(guidelines);
  measured.text.regions.forEach((t, i) => {
    if (t.exempt || t.ratio >= t.required) return;
    out.push({
      ...base,
      id: `pixel:contrast:${i + 1}`,
      category: 'layout',
      severity: t.ratio < 3 ? 'high' : 'medium',
      description: `Text "${t.text}" has contrast ${t.ratio.toFixed(2)}:1 (${t.foreground} on ${t.background}); at least ${t.required}:1 is needed.`,
      fix_suggestion: 'Darken the text or lighten its background (or the reverse) until the ratio reaches the minimum.',
      region: t.box,
      evidence: { kind: 'text_contrast', ratio: t.ratio, required: t.required, large_text: t.large_text, foreground: t.foreground, background: t.background, score_impact: round2(contrastPenalty(t)) },
      guideline_ref: cref,
    });
  });
  return out;
}

export interface PixelScoreOptions {
  brandVersion?: number | null;
  threshold?: number;
}

/** A ComplianceScore from pixel evidence alone: colours (and contrast as layout when text was measured); always partial. */
export function buildPixelScore(measured: AuditMeasurements, guidelines: BrandGuidelines, options: PixelScoreOptions = {}): ComplianceScore {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const findings = pixelFindings(measured, guidelines);
  const categories: CategoryScore[] = [];
  const errors: ComplianceScore['errors'] = [];
  if (paletteOf(guidelines).length > 0) {
    categories.push({
      category: 'colors',
      score: colorsScore({ off: measured.coverage.off, shaded: measured.coverage.shaded, deviation: measured.role_shares.deviation }),
      passed: false,
      violations: findings.filter((f) => f.category === 'colors'),
    });
  } else {
    errors.push({ code: 'NO_PALETTE', message: 'The brand has no colours, so colour compliance cannot be measured.', category: 'colors' });
  }
  const assessedText = measured.text.regions.filter((t) => !t.exempt);
  if (measured.text.status === 'measured' && assessedText.length > 0) {
    categories.push({ category: 'layout', score: contrastScore(measured.text.regions), passed: false, violations: findings.filter((f) => f.category === 'layout') });
  } else if (measured.text.status === 'failed') {
    errors.push({ code: 'OCR_FAILED', message: measured.text.note ?? 'Text recognition failed; contrast was not measured.', category: 'layout' });
  }
  const score = finalizeScore(
    {
      overall_score: 0,
      categories,
      approved: false,
      summary: '',
      partial: true,
      errors,
      brand_version: options.brandVersion ?? null,
      measured: { ...measured },
    },
    threshold,
  );
  return { ...score, summary: pixelSummary(score, measured) };
}

export function pixelSummary(score: ComplianceScore, m: AuditMeasurements): string {
  const open = score.categories.flatMap((c) => c.violations).filter((v) => v.status === 'open');
  const parts = [
    `Measured from pixels: ${pct(m.coverage.exact)} exactly on palette, ${pct(m.coverage.family)} within the colour families, ${pct(m.coverage.off)} off-palette.`,
    open.length === 0 ? 'No pixel findings.' : `${open.length} pixel finding${open.length === 1 ? '' : 's'}${hasOpenCritical(score.categories) ? ', including a critical one' : ''}.`,
  ];
  return parts.join(' ');
}
