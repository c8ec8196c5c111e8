import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditPipeline } from '../../../electron/core/audit/pipeline';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import type { ModelAccess } from '../../../electron/core/audit/pipeline';
import { AssetService, type ImportImageInput } from '../../../electron/core/services/assets';
import { EngineEvents } from '../../../electron/core/services/events';
import { createViews } from '../../../electron/core/services/views';
import { SettingsService } from '../../../electron/core/settings';
import { fileUri, openStore, type Store } from '../../../electron/core/store';
import { MobiusError } from '../../../shared/errors';
import { Violation } from '../../../shared/schema';
import { bombPng, onBrand, png, testGuidelines, withOffPaletteBlock } from '../../fixtures/images/generate';

const auditor = new PixelAuditor();
const dirs: string[] = [];
afterAll(async () => {
  await auditor.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let store: Store;
let brandId: string;
let dir: string;
let assets: AssetService;
const OFFLINE: ModelAccess = { client: null, reason: 'OFFLINE' };
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mobius-audit-'));
  dirs.push(dir);
  store = openStore({ dataDir: path.join(dir, 'data') });
  brandId = store.brands.create({ name: 'Northwind', guidelines: testGuidelines(), compressed_twin: null }).brand_id;
  const audit = new AuditPipeline({ auditor, settings: new SettingsService(store.settings, { env: {} }), ocr: false });
  assets = new AssetService({ store, audit, gemini: { access: async () => OFFLINE }, events: new EngineEvents(), views: createViews(store, fileUri) });
});

/** Audit an image the user brings and store it (what `mobius audit` and a drop do). */
const auditImageFile = (input: Omit<ImportImageInput, 'gemini' | 'brandId'> & { brandId?: string; gemini?: ModelAccess }) =>
  assets.importImage({ brandId, gemini: OFFLINE, ...input });

afterEach(() => store.close());

function filesOnDisk(): string[] {
  const root = path.join(store.dataDir, 'files');
  try {
    return readdirSync(root, { recursive: true }).map(String).filter((f) => f.includes('.'));
  } catch {
    return [];
  }
}

describe('AssetService.importImage and findings', () => {
  it('imports an on-brand image (by path, PNG content named .jpg) and approves it offline', async () => {
    const file = path.join(dir, 'poster.jpg');
    writeFileSync(file, await png(onBrand(640, 480)));
    const { asset, score, audit } = await auditImageFile({ filePath: file });
    expect(asset).toMatchObject({ origin: 'imported', mime: 'image/png', width: 640, height: 480, brand_version: 1, status: 'approved' });
    expect(score.approved).toBe(true);
    expect(score.partial).toBe(true);
    expect(score.errors.map((e) => e.code)).toContain('OFFLINE');
    expect(store.assets.get(asset.asset_id)?.compliance_score).toBe(score.overall_score);
    expect(store.audits.latestForAsset(asset.asset_id)?.audit_id).toBe(audit.audit_id);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('stores a rejected audit for a 15 % off-palette block; dismissing the finding re-scores', async () => {
    const { asset, score } = await auditImageFile({ bytes: await png(withOffPaletteBlock().raw) });
    expect(score.approved).toBe(false);
    expect(asset.status).toBe('needs_review');
    const finding = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:off-palette'))!;
    const dismissed = assets.changeFinding(asset.asset_id, finding.id, { dismiss: 'not_applicable' });
    expect(dismissed.score.approved).toBe(true);
    expect(dismissed.asset.status).toBe('approved');
    expect(store.audits.listForAsset(asset.asset_id)).toHaveLength(2);
    const restored = assets.changeFinding(asset.asset_id, finding.id, 'restore');
    expect(restored.score.overall_score).toBe(score.overall_score);
    expect(() => assets.changeFinding(asset.asset_id, 'nope', { dismiss: 'not_applicable' })).toThrow(MobiusError);
  });

  it('merges a model audit when online, passing the pixel evidence', async () => {
    const calls: unknown[] = [];
    const gemini = {
      auditImage: async (_image: unknown, _g: unknown, opts: unknown) => {
        calls.push(opts);
        return {
          audit: {
            categories: [
              { category: 'colors' as const, score: 10, passed: false, violations: [Violation.parse({ category: 'colors', description: 'Colours look off-brand', severity: 'critical' })] },
              { category: 'typography' as const, score: 92, passed: false, violations: [] },
            ],
            summary: '',
            errors: [],
          },
          cost: { tokens: 10, usd: 0.001 },
        };
      },
    };
    const { score, asset } = await auditImageFile({ bytes: await png(onBrand()), gemini: { client: gemini } });
    expect(calls).toHaveLength(1);
    expect(store.assets.require(asset.asset_id).cost).toEqual({ tokens: 10, usd: 0.001 });
    expect(calls[0]).toHaveProperty('pixelEvidence.coverage.exact', 1);
    expect(score.partial).toBe(false);
    // The measured colours win; the contradicted critical model claim is dismissed and does not block approval.
    expect(score.categories.find((c) => c.category === 'colors')!.score).toBe(100);
    expect(score.approved).toBe(true);
  });

  it('stores nothing for bad images and keeps working', async () => {
    const good = await png(onBrand(200, 200));
    const bad = [new Uint8Array(0), good.subarray(0, good.length / 2), Buffer.from('hello'), bombPng()];
    for (const bytes of bad) {
      await expect(auditImageFile({ bytes })).rejects.toBeInstanceOf(MobiusError);
    }
    await expect(auditImageFile({ filePath: path.join(dir, 'missing.png') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(auditImageFile({ brandId: 'no-such-brand', bytes: good })).rejects.toMatchObject({ code: 'BRAND_NOT_FOUND' });
    expect(store.assets.list()).toHaveLength(0);
    expect(filesOnDisk()).toHaveLength(0);
    const ok = await auditImageFile({ bytes: good });
    expect(ok.score.approved).toBe(true);
  });
});
