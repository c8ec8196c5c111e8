import { afterAll, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { pixelScore } from '../../support/pixel-score';
import { MobiusError } from '../../../shared/errors';
import { bombPng, iou, onBrand, png, testGuidelines, withOffPaletteBlock } from '../../fixtures/images/generate';

const auditor = new PixelAuditor();
afterAll(() => auditor.close());
const guidelines = testGuidelines();

describe('PixelAuditor (real worker thread)', () => {
  it('approves an on-brand composition offline, with no findings', async () => {
    const score = await pixelScore(auditor, await png(onBrand(800, 600)), guidelines, { brandVersion: 1 });
    expect(score.approved).toBe(true);
    expect(score.partial).toBe(true);
    expect(score.categories.flatMap((c) => c.violations)).toEqual([]);
  });

  it('does not approve a 15 % off-palette block and reports its region', async () => {
    const { raw, box } = withOffPaletteBlock(1200, 900);
    const score = await pixelScore(auditor, await png(raw), guidelines);
    expect(score.approved).toBe(false);
    const region = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:off-palette'))!.region!;
    expect(iou(region, box)).toBeGreaterThanOrEqual(0.7);
  });

  it('refuses every bad image with a clear error and keeps working', async () => {
    const good = await png(onBrand(300, 300));
    const bad: [string, Uint8Array, string, RegExp][] = [
      ['zero-byte', new Uint8Array(0), 'UNSUPPORTED_IMAGE', /empty/],
      ['truncated', good.subarray(0, good.length - 200), 'UNSUPPORTED_IMAGE', /truncated|damaged/],
      ['not an image (wrong extension)', Buffer.from('GIF89a? no: this is a text file named logo.png'), 'UNSUPPORTED_IMAGE', /not an image/],
      ['30000×30000 bomb', bombPng(), 'IMAGE_TOO_LARGE', /30000×30000/],
      ['unsupported format', Buffer.from('P6\n4 4\n255\n' + '\0'.repeat(48)), 'UNSUPPORTED_IMAGE', /supported|not an image/],
    ];
    for (const [name, bytes, code, message] of bad) {
      const error = await pixelScore(auditor, bytes, guidelines).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(MobiusError);
      expect((error as MobiusError).code, name).toBe(code);
      expect((error as MobiusError).message, name).toMatch(message);
    }
    // Same worker, still working.
    expect((await pixelScore(auditor, good, guidelines)).approved).toBe(true);
  });
});
