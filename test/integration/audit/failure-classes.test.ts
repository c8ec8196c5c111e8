import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { pixelScore } from '../../support/pixel-score';
import { CORPUS_BRANDS, type CorpusBrand } from '../../fixtures/audit-corpus/brands';
import { rng } from '../../fixtures/audit-corpus/render';
import { driftedHex } from '../../fixtures/audit-corpus/scenes';

/**
 * The six failure classes of issue #11 on images drawn directly as SVG — not by the corpus
 * generator — with other fonts, rounded and round shapes, a serif headline: a brand bar,
 * blocks of colour, a headline and a line of body text at 1024².
 */
const auditor = new PixelAuditor();
afterAll(() => auditor.close());

const sage = CORPUS_BRANDS.find((b) => b.id === 'sagewood')!;
const volt = CORPUS_BRANDS.find((b) => b.id === 'voltline')!;
const hex = (b: CorpusBrand, name: string) => b.colors[name]!.hex;

function artwork(b: CorpusBrand, o: { page?: string; body?: string; shift?: (h: string) => string; extra?: string } = {}): Promise<Buffer> {
  const s = o.shift ?? ((x: string) => x);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024">` +
    `<rect width="1024" height="1024" fill="${s(o.page ?? hex(b, b.page))}"/><rect width="1024" height="140" fill="${s(hex(b, b.primary))}"/>` +
    `<rect x="620" y="560" width="320" height="320" rx="40" fill="${s(hex(b, b.secondary))}"/><circle cx="180" cy="760" r="90" fill="${s(hex(b, b.accent))}"/>` +
    `<text x="60" y="330" font-family="Liberation Serif" font-weight="bold" font-size="84" fill="${s(hex(b, b.ink))}">Harvest days</text>` +
    `<text x="64" y="400" font-family="FreeSans" font-size="24" fill="${o.body ?? s(hex(b, b.ink))}">Fresh from the fields, every weekend this autumn.</text>` +
    `${o.extra ?? ''}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
const jpeg = async (p: Promise<Buffer>) => sharp(await p).jpeg({ quality: 85 }).toBuffer();

describe('the six failure classes, drawn independently of the corpus', () => {
  const rand = rng(42);
  const sageBlock = `<rect x="560" y="200" width="400" height="220" fill="${hex(sage, 'Sage')}"/>`;
  const cases: [string, CorpusBrand, () => Promise<Buffer>, boolean, string[]][] = [
    ['1 flat graphic 1024², on-brand (the OCR-crash class)', sage, () => artwork(sage), true, []],
    ['2 light-grey body text at ~1.5:1', sage, () => artwork(sage, { body: '#C9C2AE' }), false, ['text_contrast']],
    ['3 whole palette shifted by ΔE00 ≈ 6', sage, () => artwork(sage, { shift: (h) => driftedHex(h, 6, rand).hex }), false, ['palette_drift']],
    ['4 accent as the background', sage, () => artwork(sage, { page: hex(sage, sage.accent) }), false, ['accent_background']],
    ['5 a Sage block on Cream ("Never set Sage text on Cream")', sage, () => artwork(sage, { extra: sageBlock }), true, []],
    ['5 … and its JPEG', sage, () => jpeg(artwork(sage, { extra: sageBlock })), true, []],
    ['5 Sage text on Cream does break it', sage, () => artwork(sage, { extra: `<text x="60" y="500" font-family="DejaVu Sans" font-weight="bold" font-size="60" fill="${hex(sage, 'Sage')}">Grown slowly</text>` }), false, []],
    ['6 on-brand JPEG q85', volt, () => jpeg(artwork(volt)), true, []],
    ['6 on-brand, 2048 px JPEG', volt, async () => sharp(await artwork(volt)).resize(2048).jpeg({ quality: 85 }).toBuffer(), true, []],
    ['6 on-brand WebP', volt, async () => sharp(await artwork(volt)).webp({ quality: 80 }).toBuffer(), true, []],
    ['6 on-brand, rotated with EXIF orientation 6', volt, async () => sharp(await artwork(volt)).rotate(270).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer(), true, []],
  ];
  it.each(cases)('%s', async (_name, brand, make, approved, blocking) => {
    const score = await pixelScore(auditor, await make(), brand.guidelines, { logotypes: [brand.name] });
    expect(score.approved).toBe(approved);
    for (const code of blocking) expect(score.blocking?.map((b) => b.code)).toContain(code);
    expect(score.errors.map((e) => e.code)).not.toContain('OCR_FAILED');
  });
});
