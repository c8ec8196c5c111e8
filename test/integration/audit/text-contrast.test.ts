import { afterAll, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { pixelScore } from '../../support/pixel-score';
import { contrastRatio, hexToRgb } from '../../../shared/color';
import { PALETTE, testGuidelines, textImage } from '../../fixtures/images/generate';

const auditor = new PixelAuditor();
afterAll(() => auditor.close());

const LOW = '#B8B2A4';
const MID = '#8A8478';

describe('text contrast through OCR (offline tesseract.js in the audit worker)', () => {
  it('measures WCAG ratios at the text boxes (±0.1), flags low contrast and exempts the logotype', async () => {
    const bytes = await textImage(900, 500, PALETTE.paper, [
      { text: 'Summer sale today', x: 0.06, y: 0.08, size: 48, color: LOW },
      { text: 'Book your table now', x: 0.06, y: 0.38, size: 40, color: PALETTE.ink },
      { text: 'Open every day from noon until late', x: 0.06, y: 0.62, size: 18, color: MID },
      { text: 'NORTHWIND', x: 0.55, y: 0.85, size: 36, color: '#A39D90' },
    ]);
    const score = await pixelScore(auditor, bytes, testGuidelines(), { ocr: true, logotypes: ['Northwind'] });
    const text = (score.measured as unknown as { text: { status: string; regions: { text: string; ratio: number; required: number; exempt: string | null; box: { x: number; y: number } }[] } }).text;
    expect(text.status).toBe('measured');
    const find = (needle: string) => text.regions.find((r) => r.text.toLowerCase().includes(needle))!;

    const low = find('summer');
    expect(Math.abs(low.ratio - contrastRatio(hexToRgb(LOW), hexToRgb(PALETTE.paper)))).toBeLessThanOrEqual(0.1);
    expect(low.required).toBe(3);
    expect(low.box.x).toBeCloseTo(0.06, 1);
    expect(low.box.y).toBeGreaterThan(0.05);
    expect(low.box.y).toBeLessThan(0.2);

    const ink = find('book');
    expect(Math.abs(ink.ratio - contrastRatio(hexToRgb(PALETTE.ink), hexToRgb(PALETTE.paper)))).toBeLessThanOrEqual(0.1);

    const small = find('noon');
    expect(small.required).toBe(4.5);
    expect(Math.abs(small.ratio - contrastRatio(hexToRgb(MID), hexToRgb(PALETTE.paper)))).toBeLessThanOrEqual(0.1);

    const logo = text.regions.find((r) => r.text.toLowerCase().includes('northwind'));
    expect(logo?.exempt).toBe('logotype');

    const layout = score.categories.find((c) => c.category === 'layout')!;
    const flagged = layout.violations.map((v) => String(v.description));
    expect(flagged.some((d) => d.includes('Summer'))).toBe(true);
    expect(flagged.some((d) => d.includes('Book'))).toBe(false);
    expect(flagged.some((d) => /northwind/i.test(d))).toBe(false);
    expect(layout.score).toBeLessThan(100);
  });
});
