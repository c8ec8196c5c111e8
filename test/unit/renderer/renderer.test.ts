import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComplianceScore, BrandGuidelines } from '../../../shared/schema';
import { findingsOf, measuredEvidence, visibleOverlays } from '../../../renderer/src/lib/audit';
import { groupByUsage, textOn, usageByGroup } from '../../../renderer/src/lib/brand';
import { fileKind } from '../../../renderer/src/lib/format';
import { hrefOf, parseRoute } from '../../../renderer/src/stores/route';
import { bridgeConfig } from '../../../renderer/src/ipc/bridge-shim';
import { PaletteSection, RoleBalance } from '../../../renderer/src/features/brand/Palette';
import { RulesSection } from '../../../renderer/src/features/brand/Rules';
import { PaletteStrip, ProgressBar } from '../../../renderer/src/components/ui';

const guidelines = BrandGuidelines.parse({
  colors: [
    { name: 'Ocean', hex: '#0B5FA5', usage: 'primary', usage_weight: 0.3, provenance: [{ page: 2, source: 'vector' }] },
    { name: 'Paper', hex: '#F4F1EA', usage: 'neutral', usage_weight: 0.6 },
    { name: 'Coral', hex: '#FF6B4A', usage: 'accent', usage_weight: 0.1, verified: false },
  ],
  rules: [
    { category: 'visual', instruction: 'Use white space', severity: 'warning', provenance: [{ page: 4, source: 'text' }] },
    { category: 'visual', instruction: 'Never stretch the logo', severity: 'critical', negative_constraint: true },
  ],
});

const score = ComplianceScore.parse({
  overall_score: 70,
  approved: false,
  categories: [
    {
      category: 'colors',
      score: 70,
      passed: false,
      violations: [
        { id: 'v1', category: 'colors', description: 'Off-palette green', severity: 'high', source: 'pixel', region: { x: 0.5, y: 0.2, w: 0.3, h: 0.4 } },
        { id: 'v2', category: 'colors', description: 'Balance', severity: 'medium', source: 'pixel' },
        { id: 'v3', category: 'colors', description: 'Gone', severity: 'critical', source: 'model', region: { x: 0, y: 0, w: 0.1, h: 0.1 }, status: 'dismissed' },
      ],
    },
  ],
  measured: {
    tolerances: { exact: 3, family: 10 },
    role_shares: {
      measured: { neutral: 0.5, brand: 0.3, accent: 0.05, semantic: 0 },
      target: { neutral: 0.6, brand: 0.3, accent: 0.1, semantic: 0 },
      target_source: '60-30-10',
      deviation: 0.15,
    },
    clusters: [],
    off_palette_regions: [{ hex: '#2EBD4E', share: 0.15, nearest: 'Paper', nearest_hex: '#F4F1EA', delta_e: 33, box: { x: 0.5, y: 0.2, w: 0.3, h: 0.4 } }],
    coverage: { exact: 0.7, family: 0.85, shaded: 0.15, off: 0.15 },
  },
});

describe('renderer logic', () => {
  it('groups colours by role and sums usage per 60-30-10 group', () => {
    expect(groupByUsage(guidelines.colors).map((g) => g.usage)).toEqual(['primary', 'accent', 'neutral']);
    const shares = usageByGroup(guidelines.colors);
    expect(shares.neutral).toBeCloseTo(0.6);
    expect(shares.brand).toBeCloseTo(0.3);
    expect(shares.accent).toBeCloseTo(0.1);
    expect(textOn('#F4F1EA')).toBe('#000000');
    expect(textOn('#1D2433')).toBe('#ffffff');
  });

  it('orders findings open-first by severity and filters overlays', () => {
    const findings = findingsOf(score);
    expect(findings.map((f) => f.id)).toEqual(['v1', 'v2', 'v3']);
    const all = { hiddenCategories: new Set<string>(), hiddenSources: new Set<string>(), showDismissed: false };
    expect(visibleOverlays(findings, all).map((f) => f.id)).toEqual(['v1']);
    expect(visibleOverlays(findings, { ...all, showDismissed: true }).map((f) => f.id)).toEqual(['v1', 'v3']);
    expect(visibleOverlays(findings, { ...all, hiddenSources: new Set(['pixel']) })).toEqual([]);
    expect(visibleOverlays(findings, { ...all, hiddenCategories: new Set(['colors']) })).toEqual([]);
    const evidence = measuredEvidence(score);
    expect(evidence.offPalette[0]).toMatchObject({ hex: '#2EBD4E', nearest_hex: '#F4F1EA', delta_e: 33 });
    expect(evidence.coverage).toBe(0.85);
    expect(evidence.roleShares.map((r) => r.group)).toEqual(['neutral', 'brand', 'accent']);
    expect(measuredEvidence(null).offPalette).toEqual([]);
  });

  it('routes by hash and reads the bridge token once', () => {
    expect(parseRoute('#/brands/b%201')).toEqual({ screen: 'brand', brandId: 'b 1' });
    expect(parseRoute('#/assets/a1')).toEqual({ screen: 'asset', assetId: 'a1' });
    expect(parseRoute('#/brands?import=1')).toEqual({ screen: 'brands', importRequested: true });
    expect(parseRoute('#token=abc')).toMatchObject({ screen: 'brands' });
    expect(hrefOf({ screen: 'brand', brandId: 'b 1' })).toBe('#/brands/b%201');
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(bridgeConfig({ hash: '#token=t1', search: '', host: '127.0.0.1:9' }, storage)).toEqual({ host: '127.0.0.1:9', token: 't1' });
    expect(bridgeConfig({ hash: '#/brands', search: '', host: 'elsewhere' }, storage)).toEqual({ host: '127.0.0.1:9', token: 't1' });
    expect(bridgeConfig({ hash: '', search: '', host: 'x' }, { getItem: () => null, setItem: () => undefined })).toBeNull();
    expect(fileKind('Guide.PDF', '')).toBe('pdf');
    expect(fileKind('a.webp', '')).toBe('image');
  });
});

describe('renderer components (server-rendered markup)', () => {
  it('palette: swatches by role with hex, usage, confidence, page; unverified flagged', () => {
    const html = renderToStaticMarkup(createElement(PaletteSection, { colors: guidelines.colors, editing: false, onChange: () => undefined }));
    expect(html).toContain('aria-label="Primary colours"');
    expect(html).toContain('#0B5FA5');
    expect(html).toContain('30% use');
    expect(html).toContain('p. 2');
    expect(html).toContain('not in PDF');
    const editing = renderToStaticMarkup(createElement(PaletteSection, { colors: guidelines.colors, editing: true, onChange: () => undefined }));
    expect(editing.match(/<select/g)).toHaveLength(3);
    expect(editing).toContain('aria-label="Remove Ocean"');
  });

  it('60-30-10 bar, rules with their source page, progress and palette strip are labelled', () => {
    expect(renderToStaticMarkup(createElement(RoleBalance, { colors: guidelines.colors }))).toContain('60%');
    const rules = renderToStaticMarkup(createElement(RulesSection, { guidelines, editing: false, onChange: () => undefined }));
    expect(rules).toContain('Never stretch the logo');
    expect(rules).toContain('p. 4');
    expect(renderToStaticMarkup(createElement(ProgressBar, { value: 40, label: 'Importing' }))).toContain('aria-valuenow="40"');
    expect(renderToStaticMarkup(createElement(PaletteStrip, { colors: guidelines.colors, label: 'Palette' }))).toContain('role="img"');
  });
});

describe('the app words core errors that have a fix in the app', () => {
  it('points at Settings for key and model problems, and keeps core messages otherwise', async () => {
    const { appMessage } = await import('../../../renderer/src/ipc/messages');
    expect(appMessage('GEMINI_NOT_CONFIGURED', 'No Gemini API key is set.')).toMatch(/Settings → Gemini API key/);
    expect(appMessage('GEMINI_AUTH', 'Gemini rejected the API key.', { reason: 'API_KEY_INVALID' })).toMatch(/Paste a valid key in Settings/);
    expect(appMessage('GEMINI_MODEL_NOT_FOUND', 'Retired; its successor is "m2".', { successor: 'm2' })).toMatch(/Switch to it in Settings/);
    expect(appMessage('VALIDATION', 'This brand changed.', { reason: 'stale_version' })).toMatch(/Reload the brand/);
    expect(appMessage('BRAND_NOT_FOUND', 'No brand with id "x".')).toBe('No brand with id "x".');
  });
});
