import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { startFakeGemini } from '../../fakes/gemini-server';
import { Brand, ComplianceScore } from '../../../shared/schema';
import { onBrand, png, testGuidelines, withOffPaletteBlock } from '../../fixtures/images/generate';
import { runCli } from '../../support/cli';

async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mobius-audit-cli-'));
  const brandFile = path.join(dir, 'brand.json');
  writeFileSync(brandFile, JSON.stringify({ name: 'Harbour', guidelines: testGuidelines() }));
  const brand = Brand.parse(JSON.parse((await runCli(['brand', 'import', brandFile, '--json', '--data-dir', dir])).stdout));
  return { dir, brand };
}

describe('mobius audit', () => {
  it('approves an on-brand image offline and rejects one with an off-palette block, reporting its region', async () => {
    const { dir, brand } = await setup();
    const good = path.join(dir, 'good.png');
    writeFileSync(good, await png(onBrand()));
    const ok = await runCli(['audit', good, '--brand', brand.brand_id, '--offline', '--json', '--data-dir', dir]);
    expect(ok.code, ok.stderr).toBe(0);
    const okScore = ComplianceScore.parse(JSON.parse(ok.stdout));
    expect(okScore.approved).toBe(true);
    expect(okScore.partial).toBe(true);

    const { raw, box } = withOffPaletteBlock();
    const bad = path.join(dir, 'bad.png');
    writeFileSync(bad, await png(raw));
    const run = await runCli(['audit', bad, '--brand', brand.brand_id, '--offline', '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NOT APPROVED/);
    const json = await runCli(['audit', bad, '--brand', brand.brand_id, '--offline', '--json', '--data-dir', dir]);
    const score = ComplianceScore.parse(JSON.parse(json.stdout));
    expect(score.approved).toBe(false);
    const offPalette = score.categories.flatMap((c) => c.violations).find((v) => v.source === 'pixel' && v.region);
    expect(offPalette?.region?.x).toBeCloseTo(box.x, 1);
    expect(offPalette?.region?.w).toBeCloseTo(box.w, 1);
  });

  it('online, a TIFF is audited by Gemini from a converted copy, and the report says so', async () => {
    const fake = await startFakeGemini({ apiKey: 'cli-audit-key-0123456789' });
    try {
      const { dir, brand } = await setup();
      const tiff = path.join(dir, 'poster.tiff');
      writeFileSync(tiff, await sharp(await png(onBrand())).tiff().toBuffer());
      const env = { MOBIUS_GEMINI_BASE_URL: fake.baseUrl, GEMINI_API_KEY: 'cli-audit-key-0123456789' };
      const run = await runCli(['audit', tiff, '--brand', brand.brand_id, '--data-dir', dir], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/note: Gemini was sent a \d+×\d+ image\/png copy \(converted from TIFF\)\./);
      expect(fake.requestsFor({ operation: 'generateContent' }).map((r) => r.status)).toEqual([200]);
    } finally {
      await fake.close();
    }
  });

  it('rejects a corrupt image with exit 1 and a clear message', async () => {
    const { dir, brand } = await setup();
    const broken = path.join(dir, 'broken.png');
    writeFileSync(broken, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    const run = await runCli(['audit', broken, '--brand', brand.brand_id, '--offline', '--json', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('UNSUPPORTED_IMAGE');
  });

  it('needs --brand', async () => {
    expect((await runCli(['audit', 'x.png'])).code).toBe(2);
  });
});
