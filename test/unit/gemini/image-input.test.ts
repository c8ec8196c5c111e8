import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MODEL_IMAGE_MAX_SIDE, prepareImageForModel } from '../../../electron/core/gemini/image-input';

const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, info, at: (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)] };
}

describe('images are normalised before they go to Gemini', () => {
  it('sends a PNG or JPEG that is already fine byte for byte (the model sees the measured pixels)', async () => {
    for (const bytes of [await solid(64, 32, '#0B5FA5').png().toBuffer(), await solid(64, 32, '#0B5FA5').jpeg().toBuffer()]) {
      const prepared = await prepareImageForModel({ bytes, mime: 'ignored/anyway' });
      expect(prepared.bytes).toBe(bytes);
      expect(prepared.input).toMatchObject({ width: 64, height: 32, changes: [], background: null });
    }
  });

  it('converts GIF and TIFF to PNG with the same pixels', async () => {
    for (const format of ['gif', 'tiff'] as const) {
      const bytes = await solid(40, 20, '#FF6B4A')[format]().toBuffer();
      const prepared = await prepareImageForModel({ bytes, mime: `image/${format}` });
      expect(prepared.mime).toBe('image/png');
      expect(prepared.input.changes).toContain(`converted from ${format.toUpperCase()}`);
      const { at, info } = await pixels(prepared.bytes);
      expect([info.width, info.height]).toEqual([40, 20]);
      // GIF quantises to a palette: within a couple of levels of the source colour.
      at(10, 10).forEach((v, i) => expect(Math.abs(v - [0xff, 0x6b, 0x4a][i]!)).toBeLessThanOrEqual(3));
    }
  });

  it('reduces a 16-bit PNG to 8 bits per channel', async () => {
    const raw = Buffer.alloc(8 * 8 * 3 * 2);
    for (let i = 0; i < raw.length; i += 2) raw.writeUInt16LE(40_000, i);
    const bytes = await sharp(raw, { raw: { width: 8, height: 8, channels: 3, premultiplied: false } as never }).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(bytes).metadata()).depth).toBe('ushort');
    const prepared = await prepareImageForModel({ bytes, mime: 'image/png' });
    expect(prepared.input.changes).toContain('reduced to 8 bits per channel');
    expect((await sharp(prepared.bytes).metadata()).depth).toBe('uchar');
  });

  it('flattens transparency on white, and says so', async () => {
    const bytes = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: await solid(5, 10, '#0B5FA5').png().toBuffer(), left: 0, top: 0 }])
      .png()
      .toBuffer();
    const prepared = await prepareImageForModel({ bytes, mime: 'image/png' });
    expect(prepared.input).toMatchObject({ background: '#FFFFFF', changes: expect.arrayContaining(['transparency flattened on #FFFFFF']) });
    const { at, info } = await pixels(prepared.bytes);
    expect(info.channels).toBe(3);
    expect(at(8, 5)).toEqual([255, 255, 255]);
    expect(at(2, 5)).toEqual([0x0b, 0x5f, 0xa5]);
  });

  it('applies EXIF orientation (a portrait photo stored sideways arrives upright)', async () => {
    const bytes = await solid(60, 20, '#333333').jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await prepareImageForModel({ bytes, mime: 'image/jpeg' });
    expect(prepared.mime).toBe('image/jpeg');
    expect(prepared.input).toMatchObject({ width: 20, height: 60, changes: ['EXIF orientation applied'] });
    expect((await sharp(prepared.bytes).metadata()).orientation ?? 1).toBe(1);
  });

  it(`caps the long side at ${MODEL_IMAGE_MAX_SIDE} px, keeping the aspect ratio, and strips metadata`, async () => {
    const bytes = await solid(4096, 1024, '#6FB3E0').jpeg().withMetadata({ exif: { IFD0: { Artist: 'someone' } } }).toBuffer();
    const prepared = await prepareImageForModel({ bytes, mime: 'image/jpeg' });
    expect(prepared.input).toMatchObject({ width: MODEL_IMAGE_MAX_SIDE, height: 768, source_width: 4096, source_height: 1024, mime: 'image/jpeg' });
    expect((await sharp(prepared.bytes).metadata()).exif).toBeUndefined();
  }, 30_000);

  it('sends a noisy lossless image that would be huge as a high-quality JPEG instead', async () => {
    // Pure noise does not compress: 1700² × 3 bytes ≈ 8.7 MB of PNG, over the 8 MiB the PNG may take.
    const raw = Buffer.alloc(1700 * 1700 * 3);
    for (let i = 0, s = 7; i < raw.length; i++) raw[i] = (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) >>> 24;
    const bytes = await sharp(raw, { raw: { width: 1700, height: 1700, channels: 3 } }).tiff().toBuffer();
    const prepared = await prepareImageForModel({ bytes, mime: 'image/tiff' });
    expect(prepared.mime).toBe('image/jpeg');
    expect(prepared.input.changes.some((c) => c.startsWith('sent as JPEG'))).toBe(true);
  }, 30_000);

  it('refuses bytes that are no image with UNSUPPORTED_IMAGE', async () => {
    await expect(prepareImageForModel({ bytes: Buffer.from('not an image'), mime: 'image/png' })).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
  });
});
