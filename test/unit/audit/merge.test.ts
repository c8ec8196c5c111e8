import { describe, expect, it } from 'vitest';
import { analyseDecoded } from '../../../electron/core/audit/analyse';
import { dismissFinding, mergeAudit, pixelEvidenceForPrompt, restoreFinding } from '../../../electron/core/audit/merge';
import { buildPixelScore } from '../../../electron/core/audit/score';
import type { AuditMeasurements } from '../../../electron/core/audit/types';
import { ComplianceScore } from '../../../shared/schema';
import { onBrand, testGuidelines, withOffPaletteBlock, type RawImage } from '../../fixtures/images/generate';

const guidelines = testGuidelines();

async function pixelScore(raw: RawImage) {
  const measured = await analyseDecoded(
    {
      width: raw.width,
      height: raw.height,
      data: raw.data,
      transparent_share: 0,
      checkerboard: { detected: false, share: 0, cell_px: null, colors: [] },
      source: { format: 'png', mime: 'image/png', width: raw.width, height: raw.height, channels: 3, bit_depth: 8, color_space: 'srgb', has_icc_profile: false, cmyk: false, exif_orientation: 1, has_alpha: false, pages: 1 },
    },
    guidelines,
  );
  return buildPixelScore(measured, guidelines);
}

function modelScore(colorsClaim: string, colorsScore = 40): ComplianceScore {
  return ComplianceScore.parse({
    overall_score: 50,
    approved: true, // a model's word on approval is never taken
    summary: 'Model audit.',
    categories: [
      { category: 'colors', score: colorsScore, passed: false, violations: [{ category: 'colors', description: colorsClaim, severity: 'high', region: { x: 0, y: 0, w: 0.5, h: 0.2 } }] },
      { category: 'typography', score: 90, passed: true, violations: [] },
      { category: 'layout', score: 85, passed: true, violations: [] },
      { category: 'logo_usage', score: 95, passed: true, violations: [{ category: 'logo_usage', description: 'Logo a bit small', severity: 'low' }] },
    ],
  });
}

describe('mergeAudit', () => {
  it('keeps the measured colour score and dismisses contradicted model colour claims', async () => {
    const pixel = await pixelScore(onBrand());
    const merged = mergeAudit(pixel, modelScore('The orange stripe is off-brand colour'));
    const colors = merged.categories.find((c) => c.category === 'colors')!;
    expect(colors.score).toBe(100);
    const claim = colors.violations.find((v) => v.source === 'model')!;
    expect(claim).toMatchObject({ status: 'dismissed', dismiss_reason: 'incorrect_assessment' });
    expect(claim.evidence).toHaveProperty('contradicted_by_measurement');
    expect(merged.partial).toBe(false);
    expect(merged.categories.map((c) => c.category).sort()).toEqual(['colors', 'layout', 'logo_usage', 'typography']);
    // 100·.30 + 90·.25 + 85·.25 + 95·.20
    expect(merged.overall_score).toBeCloseTo(30 + 22.5 + 21.25 + 19, 2);
    expect(merged.approved).toBe(true);
    expect(merged.measured).toEqual(pixel.measured);
  });

  it('keeps model colour claims the pixels support, and model findings stay "model"', async () => {
    const pixel = await pixelScore(withOffPaletteBlock().raw);
    const merged = mergeAudit(pixel, modelScore('Green block is not a brand colour', 90));
    const colors = merged.categories.find((c) => c.category === 'colors')!;
    const claim = colors.violations.find((v) => v.source === 'model')!;
    // The model's box (top-left) does not overlap the green block: contradicted there.
    expect(claim.status).toBe('dismissed');
    const unboxed = mergeAudit(pixel, ComplianceScore.parse({ ...modelScore('Green block is not a brand colour', 90), categories: [{ category: 'colors', score: 90, passed: true, violations: [{ category: 'colors', description: 'Green is not a brand colour', severity: 'high' }] }] }));
    const kept = unboxed.categories[0]!.violations.find((v) => v.source === 'model')!;
    expect(kept.status).toBe('open');
    expect(unboxed.categories[0]!.score).toBe(pixel.categories[0]!.score);
    expect(unboxed.approved).toBe(false);
  });

  it('returns the pixel score when there is no model result', async () => {
    const pixel = await pixelScore(onBrand());
    expect(mergeAudit(pixel, null)).toEqual(pixel);
  });
});

describe('dismissFinding / restoreFinding', () => {
  it('re-scores: dismissing the off-palette block gives its points back, restoring takes them again', async () => {
    const pixel = await pixelScore(withOffPaletteBlock().raw);
    const id = pixel.categories[0]!.violations.find((v) => v.id.startsWith('pixel:off-palette'))!.id;
    const dismissed = dismissFinding(pixel, id, 'not_applicable');
    expect(dismissed.categories[0]!.score).toBeGreaterThan(pixel.categories[0]!.score);
    expect(dismissed.approved).toBe(true);
    expect(dismissed.categories[0]!.violations.find((v) => v.id === id)).toMatchObject({ status: 'dismissed', dismiss_reason: 'not_applicable' });
    const restored = restoreFinding(dismissed, id);
    expect(restored.categories[0]!.score).toBe(pixel.categories[0]!.score);
    expect(restored.approved).toBe(false);
    expect(dismissFinding(pixel, 'nope', 'not_applicable')).toBe(pixel);
    expect(ComplianceScore.parse(dismissed)).toBeTruthy();
  });
});

describe('pixelEvidenceForPrompt', () => {
  it('is compact and carries the measured region', async () => {
    const pixel = await pixelScore(withOffPaletteBlock().raw);
    const evidence = pixelEvidenceForPrompt(pixel.measured as unknown as AuditMeasurements);
    expect(evidence.off_palette_regions).toHaveLength(1);
    expect(evidence.coverage.off_palette).toBeCloseTo(0.15, 2);
    expect(JSON.stringify(evidence).length).toBeLessThan(3000);
  });
});
