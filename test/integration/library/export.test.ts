import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore, type Core } from '../../../electron/core/core';
import { readProvenance, stripProvenance } from '../../../electron/core/export/provenance';
import { MemorySecretStore } from '../../../electron/core/secrets';
import { ComplianceDocument, ExportManifest } from '../../../shared/schema';
import { runCli } from '../../support/cli';
import { seedImage, seedLibrary, type SeededLibrary } from '../../support/library-seed';

/**
 * Mobius' ComplianceScore as its pydantic models define it (reference/mobius-data-contract.md),
 * written out here independently of our own schema: an export must parse as exactly this.
 */
const MobiusViolation = z.object({ category: z.string(), description: z.string(), severity: z.enum(['low', 'medium', 'high', 'critical']), fix_suggestion: z.string() });
const MobiusCategoryScore = z.object({
  category: z.enum(['colors', 'typography', 'layout', 'logo_usage']),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  violations: z.array(MobiusViolation),
});
const MobiusComplianceScore = z.object({ overall_score: z.number().min(0).max(100), categories: z.array(MobiusCategoryScore), approved: z.boolean(), summary: z.string() });

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const CHILD = fileURLToPath(new URL('./export-crash-child.ts', import.meta.url));

let dir: string;
let dataDir: string;
let core: Core;
let seeded: SeededLibrary;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mobius-export-'));
  dataDir = path.join(dir, 'data');
  core = createCore({ dataDir, env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), ocr: false });
  seeded = await seedLibrary(core);
  // One finding dismissed with a reason, so the export has a dismissal to carry.
  const id = seeded.ids['autumn-banner.png']!;
  const finding = core.store.assets.require(id).compliance!.categories.flatMap((c) => c.violations)[0]!;
  core.services.assets.changeFinding(id, finding.id, { dismiss: 'not_applicable' });
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mobius export', () => {
  it('writes image, Mobius-shaped compliance JSON, report and manifests whose hashes match the files', async () => {
    const out = path.join(dir, 'out', 'three');
    const ids = seeded.approved.slice(0, 3);
    const run = await runCli(['export', ...ids, '--out', out, '--json', '--data-dir', dataDir]);
    expect(run.stderr).not.toMatch(/mobius:/);
    expect(run.code).toBe(0);
    const outcome = JSON.parse(run.stdout) as { path: string; count: number; files: { asset_id: string; image: string; compliance: string; report: string }[] };
    expect(outcome).toMatchObject({ path: out, count: 3 });

    const manifest = ExportManifest.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    const csv = readFileSync(path.join(out, 'manifest.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]!.split(',').slice(0, 7)).toEqual(['file', 'status', 'score', 'version', 'prompt', 'cost_usd', 'sha256']);
    for (const row of manifest.assets) {
      const bytes = readFileSync(path.join(out, row.file));
      expect(sha256(bytes)).toBe(row.sha256);
      expect(csv.some((line) => line.startsWith(`${row.file},approved,`) && line.includes(row.sha256))).toBe(true);
      // The original bytes, plus one provenance block: without it, exactly the stored file.
      expect(sha256(stripProvenance(bytes))).toBe(row.original_sha256);
      expect(row.original_sha256).toBe(core.store.assets.require(row.asset_id).sha256);
      const [a, b] = await Promise.all([sharp(bytes).raw().toBuffer(), sharp(stripProvenance(bytes)).raw().toBuffer()]);
      expect(a.equals(b)).toBe(true);

      const json = JSON.parse(readFileSync(path.join(out, row.compliance_file), 'utf8')) as unknown;
      MobiusComplianceScore.parse(json);
      const document = ComplianceDocument.parse(json);
      expect(document.brand).toEqual({ brand_id: seeded.brandId, name: 'Harbour & Co', version: 1, current_version: 1 });
      expect(document.image.sha256).toBe(row.sha256);
      expect(document.measured?.coverage.family).toBeGreaterThan(0.9);
      const report = readFileSync(path.join(out, row.report_file), 'utf8');
      expect(document.report.sha256).toBe(sha256(report));

      // Provenance a metadata reader finds: libvips reads the XMP packet from the PNG's iTXt chunk.
      const xmp = (await sharp(bytes).metadata()).xmp!.toString('utf8');
      expect(xmp).toContain(`mobius:report_sha256="${document.report.sha256}"`);
      expect(readProvenance(bytes)).toMatchObject({ brand: 'Harbour & Co', brand_version: '1', decision: 'approved', asset_id: row.asset_id, approved: 'True' });
    }
    const autumn = manifest.assets.find((r) => r.asset_id === seeded.ids['autumn-banner.png']);
    if (autumn) {
      const document = ComplianceDocument.parse(JSON.parse(readFileSync(path.join(out, autumn.compliance_file), 'utf8')));
      expect(document.dismissals).toEqual([expect.objectContaining({ reason: 'not_applicable' })]);
      expect(document.audits.map((a) => a.kind)).toEqual(['audit', 'dismiss']);
    }
    expect(readdirSync(out).filter((f) => f.startsWith('brand-'))).toEqual(['brand-harbour-co-v1.mobius.json']);
    expect(readdirSync(path.dirname(out))).toEqual(['three']);
  });

  it('exports by filter into a zip whose entries hash to the manifest', async () => {
    const out = path.join(dir, 'out', 'approved');
    const run = await runCli(['export', '--brand', seeded.brandId, '--status', 'approved', '--zip', '--out', out, '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const zip = unzipSync(readFileSync(`${out}.zip`));
    const manifest = ExportManifest.parse(JSON.parse(new TextDecoder().decode(zip['approved/manifest.json']!)));
    expect(manifest.count).toBe(seeded.approved.length);
    for (const row of manifest.assets) expect(sha256(zip[`approved/${row.file}`]!)).toBe(row.sha256);
    expect(Object.keys(zip).filter((k) => k.endsWith('.report.html'))).toHaveLength(seeded.approved.length);
  });

  it('embeds XMP in a JPEG without touching its scan data', async () => {
    const jpeg = await sharp(await seedImage(0.02)).jpeg({ quality: 90 }).withMetadata().toBuffer();
    const { asset } = await core.services.assets.importImage({ brandId: seeded.brandId, bytes: jpeg, sourceName: 'photo.jpg', gemini: { client: null, reason: 'OFFLINE' } });
    const out = path.join(dir, 'out', 'jpeg');
    const outcome = await core.services.exports.exportTo({ assetIds: [asset.asset_id], target: out, zip: false, embedProvenance: true });
    const bytes = readFileSync(path.join(out, outcome.files[0]!.image));
    expect(sha256(stripProvenance(bytes))).toBe(sha256(jpeg));
    expect((await sharp(bytes).metadata()).xmp!.toString('utf8')).toContain(`mobius:asset_id="${asset.asset_id}"`);
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
  });

  it('refuses to overwrite, and a cancel in the middle leaves nothing behind', async () => {
    const parent = path.join(dir, 'cancel');
    mkdirSync(path.join(parent, 'taken'), { recursive: true });
    writeFileSync(path.join(parent, 'taken', 'keep.txt'), 'mine');
    await expect(core.services.exports.exportTo({ assetIds: seeded.approved, target: path.join(parent, 'taken'), zip: false, embedProvenance: true })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'export_target_exists' },
    });
    expect(readdirSync(path.join(parent, 'taken'))).toEqual(['keep.txt']);

    const events: string[] = [];
    const result = core.services.exports.assets({
      export_id: 'x1',
      asset_ids: Object.values(seeded.ids),
      path: parent,
      name: 'cancelled',
      zip: false,
      pdf: false,
      embed_provenance: true,
    });
    const off = core.events.on('exports.progress', (p) => {
      events.push(`${p.stage}:${p.done}`);
      if (p.stage === 'writing' && p.done === 2) void core.services.exports.cancel({ export_id: 'x1' });
    });
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(events.at(-1)).toBe('cancelled:0');
    expect(readdirSync(parent)).toEqual(['taken']);
  });

  it('an export killed mid-way leaves no export folder; the next export clears its leftovers', async () => {
    const parent = path.join(dir, 'crash');
    mkdirSync(parent);
    const target = path.join(parent, 'batch');
    const ids = Object.values(seeded.ids);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, target, ...ids], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('writing 3')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child was not killed mid-export: ${stderr.slice(-1500)}`))));
    });
    expect(existsSync(target)).toBe(false);
    const leftovers = readdirSync(parent);
    expect(leftovers.every((name) => name.startsWith('.batch.mobius-partial-'))).toBe(true);

    await core.services.exports.exportTo({ assetIds: ids.slice(0, 1), target: path.join(parent, 'next'), zip: false, embedProvenance: true });
    expect(readdirSync(parent)).toEqual(['next']);
  });
});
