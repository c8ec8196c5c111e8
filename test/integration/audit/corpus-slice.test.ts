import { afterAll, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { buildPixelScore } from '../../../electron/core/audit/score';
import { CORPUS_BRANDS, corpus } from '../../fixtures/audit-corpus/corpus';
import { scoreImage, summarise, table, type ImageResult } from '../../fixtures/audit-corpus/evaluate';

/**
 * A fixed slice of the audit corpus (one brand, every case: ~75 images, PNG and the
 * lossy and oriented variants the corpus gives it, the logo cases among them) through the real audit worker, as
 * a regression guard. The whole corpus runs in `npm run eval:audit`.
 */
const auditor = new PixelAuditor();
afterAll(() => auditor.close());

describe('audit corpus slice (regression guard)', () => {
  it('decides like a brand manager: no false approvals, few false rejections, exact regions, role shares and text contrast', async () => {
    const brand = CORPUS_BRANDS.find((b) => b.id === 'sagewood')!;
    const results: ImageResult[] = [];
    for await (const { truth, bytes, guidelines = brand.guidelines, logos = [] } of corpus({ brands: [brand.id] })) {
      const started = performance.now();
      // Logo cases audit against the brand with its logo file and logo rules.
      const measured = await auditor.measure(bytes, guidelines, { logotypes: [brand.name], logos });
      results.push(scoreImage(truth, buildPixelScore(measured, guidelines), performance.now() - started));
    }
    const s = summarise(results);
    const misses = results.filter((r) => !r.correct).map((r) => `${r.id}: expected ${r.expected} (${[...r.blocking, ...r.critical].join(' ')})`);
    expect(s.images, table(results)).toBeGreaterThanOrEqual(50);
    expect(s.false_approvals, misses.join('\n')).toBe(0);
    expect(s.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.96);
    expect(s.false_rejection_rate, misses.join('\n')).toBeLessThanOrEqual(0.04);
    expect(s.mean_region_iou!).toBeGreaterThanOrEqual(0.8);
    expect(s.max_role_error_pp!).toBeLessThanOrEqual(1);
    expect(s.low_text_recall!).toBeGreaterThanOrEqual(0.9);
    expect(s.ocr_failed).toBe(0);
    // Logo cases: the logo found where it was drawn whenever it is there (too small, crowded, on a photograph, stretched or recoloured included).
    const logos = results.filter((r) => r.case.startsWith('logo-') && r.logo_iou !== null);
    expect(logos.length).toBeGreaterThanOrEqual(6);
    for (const r of logos) expect(r.logo_iou, r.id).toBeGreaterThanOrEqual(0.8);
  });
});
