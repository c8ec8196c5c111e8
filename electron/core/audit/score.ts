import { DEFAULT_THRESHOLD, finalizeScore, hasOpenCritical } from '../../../shared/scoring';
import type { BrandGuidelines, CategoryScore, ComplianceScore, Violation } from '../../../shared/schema';
import type { BlockingCode } from '../../../shared/schema/audit-evidence';
import { logoFindings, logoUsageScore } from './logo/findings';
import { paletteOf } from './palette';
import type { AuditMeasurements, TextContrast } from './types';

const clamp = (v: number) => Math.max(0, Math.min(100, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Points per unit of image area outside the palette's family tolerance (15 % off → −30). */
export const OFF_PALETTE_WEIGHT = 200;
/** Points per unit of flat-artwork area rendered as a neighbour of a brand colour (drift). */
export const DRIFT_WEIGHT = 100;
/** Points per unit of area that is only a shade of a palette colour (photographic shading, anti-aliasing). */
export const SHADED_WEIGHT = 10;
/** Points for a role mix that is entirely wrong (total-variation distance 1 to the target shares). */
export const ROLE_WEIGHT = 30;

/**
 * The measured conditions that block approval, and their limits. Stated in
 * the report with every blocking finding.
 *
 * - Drift: flat artwork that is a brand colour's neighbour (ΔE00 beyond the
 *   exact tolerance of 3, within the family tolerance of 10) over 3 % of the
 *   image or more — a wrong hex on a bar, a panel, the page.
 * - Off-palette area: foreign-colour regions adding up to 5 % of the image.
 * - Accent dominance: the accent's share of the palette-coloured area more
 *   than 15 percentage points above its target (usage weights, else 10 %),
 *   whether as the background or as a dominant block.
 * - Text contrast: any text line on a flat background below its WCAG
 *   minimum (logotypes exempt; on photographic content it is a finding only).
 */
export const BLOCKING_LIMITS = {
  drift_share: 0.03,
  off_palette_share: 0.05,
  accent_margin: 0.15,
} as const;

/**
 * colors = 100 − 200·off − 100·drift − 10·max(0, shaded − drift) − 30·deviation·(1 − off), clamped to 0..100.
 *
 * Monotonic: turning a share δ of exact pixels into drift costs 100·δ (less
 * at most 10·δ of shading), into off-palette costs 200·δ, while the role
 * deviation term can fall by at most 60·δ; so more drift or more
 * off-palette area never raises the score.
 */
export function colorsScore(m: { off: number; shaded: number; deviation: number; drift?: number }): number {
  const drift = m.drift ?? 0;
  return round2(clamp(100 - OFF_PALETTE_WEIGHT * m.off - DRIFT_WEIGHT * drift - SHADED_WEIGHT * Math.max(0, m.shaded - drift) - ROLE_WEIGHT * m.deviation * (1 - m.off)));
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
  const block = (code: BlockingCode, message: string, value: number, limit: number) => ({ blocking: { code, message, measured: round2(value * 1e4) / 1e4, limit } });

  const regionTotal = measured.off_palette_regions.reduce((s, r) => s + r.share, 0);
  const offBlocks = regionTotal >= BLOCKING_LIMITS.off_palette_share;
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
      evidence: {
        kind: 'off_palette_region',
        hex: r.hex,
        share: r.share,
        nearest: r.nearest,
        nearest_hex: r.nearest_hex,
        delta_e: r.delta_e,
        tolerance: measured.tolerances.family,
        score_impact: round2(OFF_PALETTE_WEIGHT * r.share),
        ...(offBlocks ? block('off_palette_area', `Off-palette colour covers ${pct(regionTotal)} of the image (limit ${pct(BLOCKING_LIMITS.off_palette_share)}).`, regionTotal, BLOCKING_LIMITS.off_palette_share) : {}),
      },
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

  // Drift: flat artwork must be the brand colour itself.
  const driftBlocks = measured.drift_share >= BLOCKING_LIMITS.drift_share;
  measured.drift.forEach((d, i) => {
    out.push({
      ...base,
      id: `pixel:drift:${i + 1}`,
      category: 'colors',
      severity: d.share >= BLOCKING_LIMITS.drift_share ? 'high' : d.share >= 0.01 ? 'medium' : 'low',
      description: `${d.name} is rendered as ${d.rendered}, ΔE00 ${d.delta_e.toFixed(1)} off ${d.hex}, over ${pct(d.share)} of the image (flat artwork must be within ΔE00 ${measured.regime.exact_tolerance}).`,
      fix_suggestion: `Use exactly ${d.name} ${d.hex} here.`,
      region: d.box,
      evidence: {
        kind: 'palette_drift',
        hex: d.rendered,
        nearest: d.name,
        nearest_hex: d.hex,
        delta_e: d.delta_e,
        share: d.share,
        tolerance: measured.regime.exact_tolerance,
        score_impact: round2(DRIFT_WEIGHT * d.share),
        ...(driftBlocks
          ? block('palette_drift', `Brand colours are rendered off their hex (beyond ΔE00 ${measured.regime.exact_tolerance}) over ${pct(measured.drift_share)} of the image (limit ${pct(BLOCKING_LIMITS.drift_share)}).`, measured.drift_share, BLOCKING_LIMITS.drift_share)
          : {}),
      },
      guideline_ref: ref,
    });
  });

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
  // The accent is for highlights: dominating, or as the background, it changes what the brand looks like.
  const ab = measured.accent_background;
  const accentLimit = rs.target.accent + BLOCKING_LIMITS.accent_margin;
  const accentOver = rs.target.accent > 0 && rs.measured.accent > accentLimit;
  const accentRef = rs.target_source === 'usage_weights' ? ref : { instruction: '60-30-10 colour rule: 10 % accent', page: null };
  const accentMessage = `The accent covers ${pct(rs.measured.accent)} of the brand-coloured area; its target is ${pct(rs.target.accent)} and the margin ${pct(BLOCKING_LIMITS.accent_margin)}`;
  if (ab.detected) {
    out.push({
      ...base,
      id: 'pixel:accent-background',
      category: 'colors',
      severity: 'high',
      description: `The accent ${ab.color} ${ab.hex} is used as the background (${pct(ab.border_share)} of the image edges). ${accentMessage}.`,
      fix_suggestion: 'Use a neutral or primary colour for the background and keep the accent for highlights.',
      region: { x: 0, y: 0, w: 1, h: 1 },
      evidence: {
        kind: 'accent_background',
        color: ab.color,
        hex: ab.hex,
        border_share: ab.border_share,
        accent_share: rs.measured.accent,
        target: rs.target.accent,
        margin: BLOCKING_LIMITS.accent_margin,
        score_impact: 0,
        ...(accentOver ? block('accent_background', `The accent ${ab.color} is the background: ${accentMessage}.`, rs.measured.accent, accentLimit) : {}),
      },
      guideline_ref: accentRef,
    });
  } else if (accentOver) {
    out.push({
      ...base,
      id: 'pixel:accent-dominance',
      category: 'colors',
      severity: 'high',
      description: `${accentMessage}: the accent dominates the image.`,
      fix_suggestion: 'Keep the accent for highlights and let neutrals and the primary colours carry the layout.',
      region: null,
      evidence: { kind: 'accent_dominance', accent_share: rs.measured.accent, target: rs.target.accent, margin: BLOCKING_LIMITS.accent_margin, score_impact: 0, ...block('accent_dominance', `${accentMessage}.`, rs.measured.accent, accentLimit) },
      guideline_ref: accentRef,
    });
  }
  measured.forbidden_pairs.forEach((hit, i) => {
    out.push({
      ...base,
      id: `pixel:forbidden-pair:${i + 1}`,
      category: 'colors',
      severity: hit.severity === 'critical' ? 'critical' : 'high',
      description: `${hit.colors[0]} and ${hit.colors[1]} touch, which the guidelines forbid.`,
      fix_suggestion: `Separate ${hit.colors[0]} and ${hit.colors[1]} or replace one of them.`,
      region: hit.box,
      evidence: { kind: 'forbidden_pair', scope: 'adjacency', colors: hit.colors, hexes: hit.hexes, contacts: hit.contacts, score_impact: 0 },
      guideline_ref: { instruction: hit.instruction, page: hit.page },
    });
  });
  measured.rule_hits.forEach((hit, i) => {
    out.push({
      ...base,
      id: `pixel:rule:${i + 1}`,
      category: hit.scope === 'text_on_background' ? 'layout' : 'colors',
      severity: hit.severity === 'critical' ? 'critical' : hit.scope === 'usage_share' ? 'medium' : 'high',
      description: `${hit.detail} The guidelines say: “${hit.instruction}”`,
      fix_suggestion: hit.scope === 'text_on_background' ? `Set this text in another brand colour.` : hit.scope === 'background' ? `Use another brand colour for the background.` : `Use less ${hit.colors.join(' and ')}.`,
      region: hit.box,
      evidence: { kind: 'scoped_rule', scope: hit.scope, colors: hit.colors, hexes: hit.hexes, score_impact: 0 },
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
    const what = t.label ? `Text "${t.label}"` : `${t.large_text ? 'Large text' : 'Text'} (about ${Math.round(t.font_px)} px${t.bold ? ', bold' : ''})`;
    out.push({
      ...base,
      id: `pixel:contrast:${i + 1}`,
      category: 'layout',
      severity: t.ratio < 3 && t.background_kind === 'flat' ? 'high' : 'medium',
      description: `${what} has contrast ${t.ratio.toFixed(2)}:1 (${t.foreground} on ${t.background}); at least ${t.required}:1 is needed for ${t.large_text ? 'large' : 'normal-size'} text.${t.background_kind === 'photographic' ? ' It sits on photographic content, where the ratio varies; check it by eye.' : ''}`,
      fix_suggestion: 'Darken the text or lighten its background (or the reverse) until the ratio reaches the minimum.',
      region: t.box,
      evidence: {
        kind: 'text_contrast',
        ratio: t.ratio,
        required: t.required,
        large_text: t.large_text,
        font_px: t.font_px,
        foreground: t.foreground,
        background: t.background,
        background_kind: t.background_kind,
        score_impact: round2(contrastPenalty(t)),
        ...(t.background_kind === 'photographic' ? {} : block('text_contrast', `Text is below its WCAG contrast minimum (${t.ratio.toFixed(2)}:1 where ${t.required}:1 is needed).`, t.ratio, t.required)),
      },
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
      score: colorsScore({ off: measured.coverage.off, shaded: measured.coverage.shaded, deviation: measured.role_shares.deviation, drift: measured.drift_share }),
      passed: false,
      violations: findings.filter((f) => f.category === 'colors'),
    });
  } else {
    errors.push({ code: 'NO_PALETTE', message: 'The brand has no colours, so colour compliance cannot be measured.', category: 'colors' });
  }
  const assessedText = measured.text.regions.filter((t) => !t.exempt);
  const layoutFindings = findings.filter((f) => f.category === 'layout');
  if (measured.text.status === 'measured' && (assessedText.length > 0 || layoutFindings.length > 0)) {
    categories.push({ category: 'layout', score: contrastScore(measured.text.regions), passed: false, violations: layoutFindings });
  }
  // The logo, when the brand has a file to look for: found and checked, or missing where required.
  const logo = logoFindings(measured.logo, guidelines);
  if (measured.logo && (measured.logo.status === 'found' || logo.length > 0)) {
    categories.push({ category: 'logo_usage', score: logoUsageScore(logo), passed: false, violations: logo });
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

const REGIME_WORDS: Record<AuditMeasurements['regime']['kind'], string> = {
  flat: 'Flat artwork',
  photographic: 'Photographic content',
  mixed: 'Flat artwork with photographic areas',
};

export function pixelSummary(score: ComplianceScore, m: AuditMeasurements): string {
  const open = score.categories.flatMap((c) => c.violations).filter((v) => v.status === 'open');
  const r = m.regime;
  const regime =
    r.kind === 'photographic'
      ? `${REGIME_WORDS[r.kind]}: judged with the family tolerance (shading allowed, ΔE00 ≤ ${r.family_tolerance}).`
      : `${REGIME_WORDS[r.kind]} (${pct(r.flat_share)} flat): flat areas judged exactly (ΔE00 ≤ ${r.exact_tolerance})${r.kind === 'mixed' ? `, photographic areas (${pct(r.photographic_share)}) with shading allowed` : ''}; ${pct(m.exact_flat_share)} of the image is exactly on palette${m.drift_share > 0 ? `, ${pct(m.drift_share)} drifted` : ''}.`;
  const parts = [
    regime,
    `${pct(m.coverage.off)} is off-palette.`,
    m.text.status === 'measured' ? `${m.text.regions.length} text line${m.text.regions.length === 1 ? '' : 's'} measured for contrast.` : '',
    open.length === 0 ? 'No pixel findings.' : `${open.length} pixel finding${open.length === 1 ? '' : 's'}${hasOpenCritical(score.categories) ? ', including a critical one' : ''}.`,
    score.blocking?.length ? `Blocked: ${[...new Set(score.blocking.map((b) => b.message))].join(' ')}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
