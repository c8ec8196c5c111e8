import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, dispatch, type Engine } from '../../../electron/core/app';
import { MemorySecretStore } from '../../../electron/core/secrets';
import { OPERATIONS, type AssetView, type BrandSummary, type IngestProgressEvent } from '../../../shared/ipc';
import { png, withOffPaletteBlock, OFF_GREEN } from '../../fixtures/images/generate';
import { fixtureBrandPdf } from '../../support/brand-fixture';

const KEY = 'AIzaSyEngineTestKey0123456789abcdefghijk';

// Real ingestion and audits in worker threads: give them room on a loaded 2-core machine (the default is 5 s).
describe('engine facade (every contract operation over the real core)', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-engine-'));
    engine = await createEngine({
      dataDir: path.join(dir, 'data'),
      env: { MOBIUS_OFFLINE: '1' },
      secrets: new MemorySecretStore(),
      ocr: false,
    });
  });
  afterAll(async () => {
    await engine?.close();
  });

  const call = async <T>(op: keyof typeof OPERATIONS, request: unknown): Promise<T> => {
    const result = await dispatch(engine, op, request);
    if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
    // Every value that leaves the engine must satisfy the contract's response schema.
    return OPERATIONS[op].response.parse(result.value) as T;
  };

  it('ingests a PDF with progress, lists it with its palette, edits create versions, exports', async () => {
    const { bytes } = await fixtureBrandPdf();
    const pdf = path.join(dir, 'harbour.pdf');
    writeFileSync(pdf, bytes);
    const progress: IngestProgressEvent[] = [];
    const off = engine.events.on('ingest.progress', (p) => progress.push(p));
    const ingested = await call<{ brand: { brand_id: string; version: number } }>('brands.ingest', { path: pdf, ingest_id: 'i1', name: 'Harbour' });
    off();
    expect(progress.map((p) => p.stage)).toContain('done');
    expect(progress.every((p) => p.ingest_id === 'i1')).toBe(true);

    const list = await call<BrandSummary[]>('brands.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]!.palette.map((c) => c.hex).sort()).toEqual(['#0B5FA5', '#1D2433', '#6FB3E0', '#F4F1EA', '#FF6B4A']);

    const detail = await call<{ brand: { guidelines: { colors: { name: string }[] } }; twin_tokens: number }>('brands.get', { brand_id: ingested.brand.brand_id });
    expect(detail.twin_tokens).toBeGreaterThan(0);
    const colors = detail.brand.guidelines.colors.map((c, i) => (i === 0 ? { ...c, name: 'Renamed' } : c));
    const edited = await call<{ brand: { version: number }; versions: unknown[] }>('brands.update', {
      brand_id: ingested.brand.brand_id,
      guidelines: { ...detail.brand.guidelines, colors },
      base_version: ingested.brand.version,
    });
    expect(edited.brand.version).toBe(ingested.brand.version + 1);
    expect(edited.versions).toHaveLength(2);
    // A stale edit is refused rather than overwriting the newer version.
    const stale = await dispatch(engine, 'brands.update', { brand_id: ingested.brand.brand_id, guidelines: detail.brand.guidelines, base_version: 1 });
    expect(stale.ok ? null : stale.error.code).toBe('VALIDATION');

    const css = await call<{ content: string; filename: string }>('brands.export', { brand_id: ingested.brand.brand_id, format: 'css' });
    expect(css.content).toMatch(/--[a-z-]+: #0b5fa5;/i);
    expect(css.filename).toBe('harbour.css');
  });

  it('cancels a running ingestion and reports CANCELLED; bad files fail with their stable code', async () => {
    const { bytes } = await fixtureBrandPdf();
    const pdf = path.join(dir, 'cancel-me.pdf');
    writeFileSync(pdf, bytes);
    const running = dispatch(engine, 'brands.ingest', { path: pdf, ingest_id: 'c1' });
    expect(await dispatch(engine, 'brands.cancelIngest', { ingest_id: 'c1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await dispatch(engine, 'brands.cancelIngest', { ingest_id: 'c1' })).toEqual({ ok: true, value: { cancelled: false } });

    const notPdf = path.join(dir, 'notes.pdf');
    writeFileSync(notPdf, 'just some notes');
    expect(await dispatch(engine, 'brands.ingest', { path: notPdf, ingest_id: 'c2' })).toMatchObject({ ok: false, error: { code: 'INVALID_FILE_TYPE' } });
    expect(await call<BrandSummary[]>('brands.list', {})).toHaveLength(1);
  });

  it('imports and audits an off-palette image, dismiss re-scores, restore brings it back', async () => {
    const [brand] = await call<BrandSummary[]>('brands.list', {});
    const { raw, box } = withOffPaletteBlock();
    const image = path.join(dir, 'off.png');
    writeFileSync(image, await png(raw));
    const view = await call<AssetView>('assets.importAndAudit', { brand_id: brand!.brand_id, path: image, audit_id: 'a1' });
    expect(view.image_url).toMatch(/^mobius-asset:\/\/files\/[0-9a-f]{64}\.png$/);
    const finding = view.asset.compliance!.categories.flatMap((c) => c.violations).find((v) => v.evidence?.['kind'] === 'off_palette_region');
    expect(finding?.evidence?.['hex']).toBe(OFF_GREEN);
    expect(finding!.region!.x).toBeCloseTo(box.x, 1);

    const dismissed = await call<AssetView>('assets.dismissFinding', { asset_id: view.asset.asset_id, violation_id: finding!.id, reason: 'not_applicable' });
    expect(dismissed.asset.compliance_score).toBeGreaterThan(view.asset.compliance_score!);
    const restored = await call<AssetView>('assets.restoreFinding', { asset_id: view.asset.asset_id, violation_id: finding!.id });
    expect(restored.asset.compliance_score).toBe(view.asset.compliance_score);

    const reaudited = await call<AssetView>('assets.audit', { asset_id: view.asset.asset_id });
    expect(reaudited.audited_version).toBe(reaudited.current_brand_version);
    expect(await call<AssetView[]>('assets.list', { brand_id: brand!.brand_id })).toHaveLength(1);

    const name = view.image_url.split('/').pop()!;
    expect(engine.storedFilePath(name)).toMatch(/files/);
    expect(engine.storedFilePath('../mobius.db')).toBeNull();
    expect(engine.storedFilePath(`${'0'.repeat(64)}.png`)).toBeNull();
  });

  it('stores the key but only ever answers has_key', async () => {
    const set = await dispatch(engine, 'secrets.set', { value: KEY });
    expect(JSON.stringify(set)).not.toContain(KEY);
    expect(set).toEqual({ ok: true, value: { has_key: true, source: 'memory', keychain: null } });
    const cleared = await dispatch(engine, 'secrets.clear', {});
    expect(cleared).toEqual({ ok: true, value: { has_key: false, source: null, keychain: null } });
  });

  it('answers malformed or unknown requests with VALIDATION and missing ids with stable codes', async () => {
    expect(await dispatch(engine, 'brands.get', { brand_id: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(engine, 'nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(engine, 'brands.get', { brand_id: 'missing' })).toMatchObject({ ok: false, error: { code: 'BRAND_NOT_FOUND' } });
    expect(await dispatch(engine, 'assets.get', { asset_id: 'missing' })).toMatchObject({ ok: false, error: { code: 'ASSET_NOT_FOUND' } });
    expect(await dispatch(engine, 'network.status', {})).toMatchObject({ ok: true, value: { online: false } });
    expect(await dispatch(engine, 'settings.update', { compliance_threshold: 0.9 })).toMatchObject({ ok: true, value: { settings: { compliance_threshold: 0.9 } } });
  });
});
