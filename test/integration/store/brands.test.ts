import { describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { BrandGuidelines } from '../../../shared/schema';
import { compileTwin } from '../../../shared/twin';
import { openStore, type Store } from '../../../electron/core/store';
import { steppingClock, useTempDirs } from './temp-dir';

const v1 = BrandGuidelines.parse({
  colors: [{ name: 'Ink', hex: '#101820', usage: 'primary', usage_weight: 0.6 }],
  typography: [{ family: 'Inter', weights: ['400', '700'] }],
  rules: [{ category: 'visual', instruction: 'Never stretch the logo', severity: 'critical', negative_constraint: true }],
});
const v2 = BrandGuidelines.parse({ ...v1, colors: [...v1.colors, { name: 'Sun', hex: '#FFC600', usage: 'accent' }] });

describe('BrandRepository', () => {
  const tempDir = useTempDirs();
  const withStore = (fn: (store: Store) => void) => {
    const store = openStore({ dataDir: tempDir(), now: steppingClock() });
    try {
      fn(store);
    } finally {
      store.close();
    }
  };

  it('creates a brand with version 1 and reads it back', () => {
    withStore((store) => {
      const { twin, notes } = compileTwin(v1);
      const brand = store.brands.create({ name: '  Acme  ', guidelines: v1, compressed_twin: twin, needs_review: notes, note: 'Imported' });
      expect(brand).toMatchObject({ name: 'Acme', organization_id: 'local', version: 1, guidelines: v1, compressed_twin: twin, deleted_at: null });
      expect(store.brands.get(brand.brand_id)).toEqual(brand);
      expect(store.brands.listVersions(brand.brand_id)).toEqual([
        { brand_id: brand.brand_id, version: 1, guidelines: v1, compressed_twin: twin, needs_review: [], note: 'Imported', created_at: brand.created_at },
      ]);
    });
  });

  it('keeps every guidelines edit as a new version', () => {
    withStore((store) => {
      const brand = store.brands.create({ name: 'Acme', guidelines: v1, compressed_twin: compileTwin(v1).twin });
      const edited = store.brands.updateGuidelines(brand.brand_id, {
        guidelines: v2,
        compressed_twin: compileTwin(v2).twin,
        needs_review: ['Check the accent colour'],
        name: 'Acme Corp',
        note: 'Added accent',
      });
      expect(edited).toMatchObject({ version: 2, name: 'Acme Corp', guidelines: v2, needs_review: ['Check the accent colour'] });
      expect(edited.updated_at > brand.updated_at).toBe(true);
      expect(edited.created_at).toBe(brand.created_at);

      const history = store.brands.listVersions(brand.brand_id);
      expect(history.map((v) => [v.version, v.note])).toEqual([
        [1, null],
        [2, 'Added accent'],
      ]);
      expect(store.brands.listVersions(brand.brand_id).find((v) => v.version === 1)?.guidelines).toEqual(v1);
      expect(store.brands.listVersions(brand.brand_id).find((v) => v.version === 2)?.compressed_twin?.accent_colors).toEqual(['#FFC600']);
      expect(store.brands.listVersions(brand.brand_id).find((v) => v.version === 3)).toBeUndefined();
    });
  });

  it('an invalid edit changes nothing', () => {
    withStore((store) => {
      const brand = store.brands.create({ name: 'Acme', guidelines: v1, compressed_twin: null });
      expect(() =>
        store.brands.updateGuidelines(brand.brand_id, {
          guidelines: { colors: [{ name: 'x', hex: 'not-a-colour', usage: 'primary' }] },
          compressed_twin: null,
          needs_review: [],
        }),
      ).toThrow();
      expect(store.brands.require(brand.brand_id).version).toBe(1);
      expect(store.brands.listVersions(brand.brand_id)).toHaveLength(1);
    });
  });

  it('lists newest activity first and hides soft-deleted brands until restored', () => {
    withStore((store) => {
      const a = store.brands.create({ name: 'A', guidelines: v1, compressed_twin: null });
      const b = store.brands.create({ name: 'B', guidelines: v1, compressed_twin: null });
      expect(store.brands.list().map((x) => x.name)).toEqual(['B', 'A']);
      store.brands.updateGuidelines(a.brand_id, { guidelines: v2, compressed_twin: null, needs_review: [] });
      expect(store.brands.list().map((x) => x.name)).toEqual(['A', 'B']);

      store.brands.softDelete(b.brand_id);
      expect(store.brands.list().map((x) => x.name)).toEqual(['A']);
      expect(store.brands.get(b.brand_id)).toBeNull();
      expect(store.brands.get(b.brand_id, { includeDeleted: true })?.deleted_at).not.toBeNull();
      expect(store.brands.list({ includeDeleted: true })).toHaveLength(2);
      expect(() => store.brands.softDelete(b.brand_id)).toThrow(MobiusError);

      const restored = store.brands.restore(b.brand_id);
      expect(restored.deleted_at).toBeNull();
      expect(store.brands.list().map((x) => x.name)).toEqual(['B', 'A']);
    });
  });

  it('reports unknown brands as BRAND_NOT_FOUND', () => {
    withStore((store) => {
      for (const call of [
        () => store.brands.require('nope'),
        () => store.brands.updateGuidelines('nope', { guidelines: v1, compressed_twin: null, needs_review: [] }),
        () => store.brands.softDelete('nope'),
        () => store.brands.restore('nope'),
        () => store.brands.listVersions('nope'),
      ]) {
        expect(call).toThrow(expect.objectContaining({ code: 'BRAND_NOT_FOUND' }));
      }
      expect(store.brands.get('nope')).toBeNull();
    });
  });
});
