import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { MemorySecretStore } from '../../../electron/core/secrets';
import type { ReauditProgress } from '../../../shared/schema';
import { seedLibrary, withoutCoral, type SeededLibrary } from '../../support/library-seed';

let dir: string;
let core: Core;
let seeded: SeededLibrary;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mobius-library-'));
  core = createCore({ dataDir: dir, env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), ocr: false });
  seeded = await seedLibrary(core);
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = (q: Parameters<Core['services']['library']['query']>[0]) => core.services.library.query(q);
const base = { sort: 'newest', offset: 0, limit: 100 } as const;

describe('library queries', () => {
  it('filters by status with counts per status, searches file names, sorts by score and pages', async () => {
    const all = await query(base);
    expect(all.total).toBe(6);
    expect(all.counts).toMatchObject({ approved: 4, needs_review: 2, override: 0, rejected: 0 });
    const approved = await query({ ...base, statuses: ['approved'] });
    expect(approved.items.map((i) => i.asset_id).sort()).toEqual([...seeded.approved].sort());
    // Chip counts ignore the status filter itself, so the other chips still say how many there are.
    expect(approved.counts['needs_review']).toBe(2);

    const banners = await query({ ...base, search: 'bann' });
    expect(banners.items.map((i) => i.source_name).sort()).toEqual(['autumn-banner.png', 'summer-banner.png']);
    expect((await query({ ...base, search: 'summer poster' })).items.map((i) => i.source_name)).toEqual(['summer-poster.png']);
    expect((await query({ ...base, search: '"; DROP' })).total).toBe(0);

    const byScore = await query({ ...base, sort: 'score_asc' });
    const scores = byScore.items.map((i) => i.score!);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const page = await query({ ...base, sort: 'score_asc', offset: 2, limit: 2 });
    expect(page.items.map((i) => i.asset_id)).toEqual(byScore.items.slice(2, 4).map((i) => i.asset_id));
    expect(page.total).toBe(6);

    expect((await query({ ...base, score_min: 85 })).items.every((i) => i.score! >= 85)).toBe(true);
    expect((await query({ ...base, origin: 'generated' })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await query({ ...base, created_from: today, created_to: today })).total).toBe(6);
    expect((await query({ ...base, created_to: '2020-01-01' })).total).toBe(0);
  });

  it('makes thumbnails once in the worker and keeps them as stored files', async () => {
    const ids = Object.values(seeded.ids);
    const first = await core.services.library.thumbnails({ asset_ids: ids });
    expect(first.thumbnails.every((t) => t.url?.startsWith('mobius-asset://files/') && t.url.endsWith('.webp'))).toBe(true);
    const sharp = (await import('sharp')).default;
    const thumb = first.thumbnails[0]!.url!.match(/files\/([0-9a-f]{64})\.webp/)!;
    const meta = await sharp(await core.store.files.read(thumb[1]!, 'webp')).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    const again = await core.services.library.thumbnails({ asset_ids: ids });
    expect(again.thumbnails).toEqual(first.thumbnails);
    // The page now carries them, so the grid needs no second request.
    expect((await query(base)).items.every((i) => i.thumb_url !== null)).toBe(true);
  });

  it('marks assets stale after a guideline edit, re-audits them in the background and says what changed', async () => {
    core.store.brands.updateGuidelines(seeded.brandId, { guidelines: withoutCoral(), compressed_twin: null, needs_review: [], note: 'Coral retired' });
    const stale = await query({ ...base, stale: true });
    expect(stale.total).toBe(6);
    expect(stale.stale_count).toBe(6);
    expect(stale.items.every((i) => i.audited_version === 1 && i.current_version === 2)).toBe(true);

    const events: ReauditProgress[] = [];
    const done = new Promise<void>((resolve) =>
      core.events.on('library.reaudit', (p) => {
        events.push(p);
        if (p.state !== 'running') resolve();
      }),
    );
    const started = await core.services.library.reaudit({ reaudit_id: 'r1', filter: { brand_id: seeded.brandId, stale: true, statuses: ['approved'] } });
    expect(started.total).toBe(4);
    await done;
    const last = events.at(-1)!;
    // Even the image with no off-palette block of its own fails: its retired Coral stripe is 10 % of it, over the 5 % off-palette area that blocks approval.
    expect(last).toMatchObject({ state: 'done', done: 4, total: 4, decisions_changed: 4 });
    const hero = events.find((e) => e.result?.asset_id === seeded.ids['harbour-hero.png'])!.result!.changes!;
    expect(hero).toMatchObject({ decision_changed: true, headline: 'Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette' });
    const change = events.find((e) => e.result?.asset_id === seeded.ids['summer-banner.png'])!.result!.changes!;
    expect(change.decision_changed).toBe(true);
    expect(change.headline).toBe('Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette');
    expect(change.new_findings.some((f) => f.description.includes('#FF6B4A'))).toBe(true);

    const after = await query({ ...base, stale: true });
    expect(after.total).toBe(2); // the two failing ones were not in the selection
    expect((await query({ ...base, statuses: ['approved'] })).items).toEqual([]);

    const history = await core.services.library.history({ asset_id: seeded.ids['summer-banner.png']! });
    expect(history.events.map((e) => e.kind)).toEqual(['created', 'audit', 'reaudit']);
    expect(history.events[2]!.changes?.guideline_changes).toContain('Coral (#FF6B4A) is no longer in the palette');
  });

  it('records a dismissal with its reason as a reviewer decision in the history', async () => {
    const id = seeded.ids['neon-teaser.png']!;
    const asset = core.store.assets.require(id);
    const finding = asset.compliance!.categories.flatMap((c) => c.violations).find((v) => v.status === 'open')!;
    core.services.assets.changeFinding(id, finding.id, { dismiss: 'not_applicable' });
    const history = await core.services.library.history({ asset_id: id });
    const dismissal = history.events.find((e) => e.kind === 'dismiss')!;
    expect(dismissal).toMatchObject({ by: 'reviewer', reason: 'not_applicable' });
    expect(dismissal.summary).toMatch(/^Dismissed “Off-palette colour/);
  });

  it('cancels a re-audit: finished images keep their new audit, the rest are untouched', async () => {
    const ids = Object.values(seeded.ids);
    const before = new Map(ids.map((id) => [id, core.store.audits.listForAsset(id).length]));
    const events: ReauditProgress[] = [];
    const done = new Promise<void>((resolve) =>
      core.events.on('library.reaudit', (p) => {
        if (p.reaudit_id !== 'r2') return;
        events.push(p);
        if (p.result && p.done === 1) void core.services.library.cancelReaudit({ reaudit_id: 'r2' });
        if (p.state !== 'running') resolve();
      }),
    );
    await core.services.library.reaudit({ reaudit_id: 'r2', asset_ids: ids });
    await done;
    const last = events.at(-1)!;
    expect(last.state).toBe('cancelled');
    const added = ids.map((id) => core.store.audits.listForAsset(id).length - before.get(id)!);
    expect(added.filter((n) => n === 1).length).toBe(last.done);
    expect(added.filter((n) => n === 0).length).toBe(ids.length - last.done);
    expect(last.done).toBeLessThan(ids.length);
  });

  it('reports spend per brand and month', async () => {
    core.store.assets.update(seeded.ids['harbour-hero.png']!, { cost: { tokens: 1200, usd: 0.134 } });
    const costs = await core.services.library.costs({});
    expect(costs.months).toHaveLength(1);
    expect(costs.months[0]).toMatchObject({ brand_id: seeded.brandId, brand_name: 'Harbour & Co', assets: 6, tokens: 1200 });
    expect(costs.total_usd).toBeCloseTo(0.134, 6);
    expect((await query({ ...base, sort: 'cost_desc', limit: 1 })).items[0]!.asset_id).toBe(seeded.ids['harbour-hero.png']);
  });
});
