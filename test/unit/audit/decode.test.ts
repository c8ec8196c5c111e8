import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodeForAnalysis } from '../../../electron/core/audit/decode';
import { ANALYSIS_MAX_SIDE, MAX_INPUT_BYTES } from '../../../electron/core/audit/limits';
import { MobiusError } from '../../../shared/errors';
import { hexToRgb, hexToLab, deltaE2000, rgb8ToLab } from '../../../shared/color';
import { PALETTE, bombPng, checkerboard, onBrand, paintBlocks, png, transparentLogo } from '../../fixtures/images/generate';

function pixel(img: { width: number; data: Uint8Array }, x: number, y: number) {
  const i = (y * img.width + x) * 3;
  return { r: img.data[i]!, g: img.data[i + 1]!, b: img.data[i + 2]! };
}

async function expectCode(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MobiusError);
  expect((error as MobiusError).code).toBe(code);
  expect((error as MobiusError).message).toMatch(message);
}

describe('decodeForAnalysis', () => {
  const raw = onBrand(200, 200);
  const input = () => sharp(raw.data, { raw: { width: 200, height: 200, channels: 3 } });

  it.each([
    ['png', () => input().png().toBuffer()],
    ['webp', () => input().webp({ lossless: true }).toBuffer()],
    ['tiff', () => input().tiff().toBuffer()],
    ['gif', () => input().gif().toBuffer()],
    ['avif', () => input().avif({ lossless: true }).toBuffer()],
    ['jpeg', () => input().jpeg({ quality: 95 }).toBuffer()],
  ])('decodes %s to sRGB pixels', async (format, make) => {
    const img = await decodeForAnalysis(await make());
    expect(img.source.format).toBe(format);
    expect([img.width, img.height]).toEqual([200, 200]);
    const d = deltaE2000(rgb8ToLab(...(Object.values(pixel(img, 100, 100)) as [number, number, number])), hexToLab(PALETTE.paper));
    expect(d).toBeLessThan(3);
  });

  it('takes the first frame of an animated GIF', async () => {
    const frame = (hex: string) => sharp({ create: { width: 50, height: 40, channels: 3, background: hex } }).png().toBuffer();
    const gif = await sharp([await frame(PALETTE.ocean), await frame(PALETTE.coral)], { join: { animated: true } }).gif().toBuffer();
    const img = await decodeForAnalysis(gif);
    expect(img.source.pages).toBe(2);
    expect([img.width, img.height]).toEqual([50, 40]);
    expect(deltaE2000(rgb8ToLab(...(Object.values(pixel(img, 25, 20)) as [number, number, number])), hexToLab(PALETTE.ocean))).toBeLessThan(3);
  });

  it('rasterises SVG', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="${PALETTE.ocean}"/></svg>`;
    const img = await decodeForAnalysis(Buffer.from(svg));
    expect(img.source.format).toBe('svg');
    expect(pixel(img, 60, 40)).toEqual(hexToRgb(PALETTE.ocean));
  });

  it('downscales to the documented analysis size', async () => {
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: PALETTE.ocean } }).png().toBuffer();
    const img = await decodeForAnalysis(big);
    expect([img.width, img.height]).toEqual([ANALYSIS_MAX_SIDE, ANALYSIS_MAX_SIDE / 2]);
    expect(img.source).toMatchObject({ width: 3000, height: 1500 });
  });

  it('composites transparency on the given matte (the brand page), never as an extra white', async () => {
    const rgba = Buffer.alloc(4 * 4 * 4);
    for (let p = 0; p < 16; p++) rgba.set(p < 8 ? [11, 95, 165, 255] : [0, 0, 0, 0], p * 4);
    const bytes = await sharp(rgba, { raw: { width: 4, height: 4, channels: 4 } }).png().toBuffer();
    const img = await decodeForAnalysis(bytes, undefined, hexToRgb(PALETTE.paper));
    expect(img.transparent_share).toBe(0.5);
    expect(pixel(img, 1, 3)).toEqual(hexToRgb(PALETTE.paper));
    expect(pixel(img, 1, 0)).toEqual({ r: 11, g: 95, b: 165 });
  });

  it('applies EXIF orientation', async () => {
    // Ocean on the left half, stored with orientation 6 (display rotated 90° clockwise).
    const left = paintBlocks(200, 100, PALETTE.paper, [{ hex: PALETTE.ocean, box: { x: 0, y: 0, w: 0.5, h: 1 } }]);
    const bytes = await sharp(left.data, { raw: { width: 200, height: 100, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    const img = await decodeForAnalysis(bytes);
    expect(img.source.exif_orientation).toBe(6);
    expect([img.width, img.height]).toEqual([100, 200]);
    // After rotating clockwise the left half is on top.
    expect(deltaE2000(rgb8ToLab(...(Object.values(pixel(img, 50, 20)) as [number, number, number])), hexToLab(PALETTE.ocean))).toBeLessThan(3);
  });

  it('converts CMYK JPEGs and ICC-tagged images to sRGB', async () => {
    const cmyk = await input().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    const img = await decodeForAnalysis(cmyk);
    expect(img.source.cmyk).toBe(true);
    // CMYK round trips through a press profile: same colour family.
    const d = deltaE2000(rgb8ToLab(...(Object.values(pixel(img, 100, 190)) as [number, number, number])), hexToLab(PALETTE.ocean));
    expect(d).toBeLessThan(10);
    const p3 = await input().withIccProfile('p3').png().toBuffer();
    const fromP3 = await decodeForAnalysis(p3);
    expect(fromP3.source.has_icc_profile).toBe(true);
    expect(deltaE2000(rgb8ToLab(...(Object.values(pixel(fromP3, 100, 190)) as [number, number, number])), hexToLab(PALETTE.ocean))).toBeLessThan(3);
  });

  it('reduces 16-bit images to 8 bits', async () => {
    const bytes = await input().toColourspace('rgb16').png().toBuffer();
    const img = await decodeForAnalysis(bytes);
    expect(img.source.bit_depth).toBe(16);
    expect(pixel(img, 100, 190)).toEqual(hexToRgb(PALETTE.ocean));
  });

  it('expands greyscale, with and without alpha, to sRGB', async () => {
    const grey = Buffer.alloc(20 * 10, 0x80);
    const greyPng = await sharp(grey, { raw: { width: 20, height: 10, channels: 1 } }).png().toBuffer();
    const opaque = await decodeForAnalysis(greyPng);
    expect(opaque.data.length).toBe(20 * 10 * 3);
    expect(pixel(opaque, 3, 3)).toEqual({ r: 0x80, g: 0x80, b: 0x80 });
    // Grey + alpha: the left half transparent, composited on the matte.
    const ga = Buffer.alloc(20 * 10 * 2);
    for (let p = 0; p < 200; p++) ga.set([0x40, p % 20 < 10 ? 0 : 255], p * 2);
    const translucent = await decodeForAnalysis(await sharp(ga, { raw: { width: 20, height: 10, channels: 2 } }).png().toBuffer(), undefined, hexToRgb(PALETTE.paper));
    expect(translucent.transparent_share).toBeCloseTo(0.5, 6);
    expect(pixel(translucent, 2, 2)).toEqual(hexToRgb(PALETTE.paper));
    expect(pixel(translucent, 15, 2)).toEqual({ r: 0x40, g: 0x40, b: 0x40 });
  });

  it('composites alpha on white and reports the transparent share', async () => {
    const bytes = await transparentLogo(100, 100, PALETTE.ocean, { x: 0.25, y: 0.25, w: 0.5, h: 0.5 });
    const img = await decodeForAnalysis(bytes);
    expect(img.source.has_alpha).toBe(true);
    expect(img.transparent_share).toBeCloseTo(0.75, 2);
    expect(pixel(img, 5, 5)).toEqual({ r: 255, g: 255, b: 255 });
    expect(pixel(img, 50, 50)).toEqual(hexToRgb(PALETTE.ocean));
    expect(img.checkerboard.detected).toBe(false);
  });

  it('detects a painted transparency checkerboard, and not on ordinary compositions', async () => {
    const board = checkerboard(512, 512, 16, { hex: PALETTE.ocean, box: { x: 0.3, y: 0.3, w: 0.4, h: 0.4 } });
    const img = await decodeForAnalysis(await png(board));
    expect(img.checkerboard.detected).toBe(true);
    expect(img.checkerboard.cell_px).toBe(16);
    expect(img.checkerboard.share).toBeGreaterThan(0.7);
    expect((await decodeForAnalysis(await png(onBrand(300, 300)))).checkerboard.detected).toBe(false);
    // A 4096 px board with 32 px cells still reads as a checkerboard after the analysis downscale.
    const large = await decodeForAnalysis(await png(checkerboard(2048, 2048, 24)));
    expect(large.checkerboard.detected).toBe(true);
  });

  it('sniffs content, not names, and refuses bad images with clear messages', async () => {
    await expectCode(decodeForAnalysis(new Uint8Array(0)), 'UNSUPPORTED_IMAGE', /empty/);
    await expectCode(decodeForAnalysis(Buffer.from('%PDF-1.7 not an image')), 'UNSUPPORTED_IMAGE', /not an image/);
    const good = await png(onBrand(200, 200));
    await expectCode(decodeForAnalysis(good.subarray(0, Math.floor(good.length / 2))), 'UNSUPPORTED_IMAGE', /truncated|damaged/);
    await expectCode(decodeForAnalysis(bombPng()), 'IMAGE_TOO_LARGE', /30000×30000/);
    await expectCode(decodeForAnalysis(new Uint8Array(MAX_INPUT_BYTES + 1)), 'IMAGE_TOO_LARGE', /MiB/);
    const svgBomb = '<svg xmlns="http://www.w3.org/2000/svg" width="30000" height="30000"><rect width="10" height="10"/></svg>';
    await expectCode(decodeForAnalysis(Buffer.from(svgBomb)), 'IMAGE_TOO_LARGE', /megapixels/);
  });
});
