import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrandGuidelines, CompressedDigitalTwin, HEX_PATTERN } from '../../../shared/schema';
import {
  MAX_VISUAL_RULES,
  TWIN_TOKEN_LIMIT,
  compileTwin,
  deriveCompressedTwin,
  estimateTokens,
  validateSize,
} from '../../../shared/twin';
import { colorInputArb, guidelinesArb } from '../../support/arbitraries';

const TWIN_KEYS = Object.keys(CompressedDigitalTwin.shape).sort();

const acme = BrandGuidelines.parse({
  colors: [
    { name: 'Sky', hex: '#0EA5E9', usage: 'secondary', usage_weight: 0.2 },
    { name: 'Navy', hex: '#1E3A8A', usage: 'primary', usage_weight: 0.25, context: 'Headlines only' },
    { name: 'Royal', hex: '#0057B8', usage: 'primary', usage_weight: 0.4 },
    { name: 'Paper', hex: '#FFFFFF', usage: 'background', usage_weight: 0.5 },
    { name: 'Gold', hex: '#FFC300', usage: 'accent', usage_weight: 0.05 },
    { name: 'Error', hex: '#EF4444', usage: 'semantic', usage_weight: 0.01 },
  ],
  typography: [
    { family: 'Helvetica Neue', weights: ['400', '700'], usage: 'Body' },
    { family: 'Georgia', weights: ['400'], usage: 'Quotes' },
    { family: 'Helvetica Neue', weights: ['300'], usage: 'Captions' },
  ],
  logos: [{ variant_name: 'Primary', url: '', min_width_px: 100, clear_space_ratio: 0.5, forbidden_backgrounds: ['#FF0000'] }],
  rules: [
    { category: 'visual', instruction: 'Use primary colours for headers', severity: 'warning' },
    { category: 'visual', instruction: 'Never stretch the logo', severity: 'critical', negative_constraint: true },
    { category: 'visual', instruction: 'Place the logo in the top-left corner', severity: 'warning' },
    { category: 'verbal', instruction: 'Write in plain English', severity: 'warning' },
    { category: 'visual', instruction: 'Avoid red on green', severity: 'warning', negative_constraint: true },
  ],
});

describe('deriveCompressedTwin', () => {
  it('groups hex codes by role, heaviest first, with fonts, visual rules and logo rules', () => {
    expect(deriveCompressedTwin(acme)).toEqual({
      primary_colors: ['#0057B8', '#1E3A8A'],
      secondary_colors: ['#0EA5E9'],
      accent_colors: ['#FFC300'],
      neutral_colors: ['#FFFFFF'],
      semantic_colors: ['#EF4444'],
      font_families: ['Helvetica Neue', 'Georgia'],
      visual_dos: ['Use primary colours for headers', 'Place the logo in the top-left corner'],
      visual_donts: ['Never stretch the logo', 'Avoid red on green'],
      logo_placement: 'Place the logo in the top-left corner; clear space of at least 0.5× the logo height on every side',
      logo_min_size: '100px width',
      logo_files: [],
    });
  });

  it('points at the logo files in use, one per variant, primary first', () => {
    const file = (n: number) => `mobius-asset://files/${String(n).repeat(64)}.png`;
    const g = BrandGuidelines.parse({
      logos: [
        { variant_name: 'mark', url: file(1) },
        { variant_name: 'primary', url: file(2) },
        { variant_name: 'Primary (alternative)', url: file(3) },
        { variant_name: 'On dark backgrounds', url: file(4) },
        { variant_name: 'web', url: 'https://example.com/logo.png' },
      ],
    });
    expect(deriveCompressedTwin(g).logo_files).toEqual([
      { variant: 'primary', url: file(2) },
      { variant: 'reversed', url: file(4) },
      { variant: 'mark', url: file(1) },
    ]);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(guidelinesArb(), (g) => {
        expect(deriveCompressedTwin(g)).toEqual(deriveCompressedTwin(structuredClone(g)));
      }),
      { numRuns: 50 },
    );
  });

  it('keeps critical rules first when more than the cap exist, and says what it left out', () => {
    const rules = Array.from({ length: 30 }, (_, i) => ({
      category: 'visual',
      instruction: `Rule ${i}`,
      severity: i === 29 ? 'critical' : 'warning',
    }));
    const { twin, notes } = compileTwin(BrandGuidelines.parse({ rules }));
    expect(twin.visual_dos).toHaveLength(MAX_VISUAL_RULES);
    expect(twin.visual_dos[0]).toBe('Rule 29');
    expect(notes.join(' ')).toMatch(/10 visual do's/);
  });
});

describe('seed property 3: the twin holds only hex codes, font names, logo rules and visual constraints', () => {
  it('has exactly the seed fields and no prose, context or history', () => {
    fc.assert(
      fc.property(guidelinesArb(), (g) => {
        const twin = deriveCompressedTwin(g);
        expect(Object.keys(twin).sort()).toEqual(TWIN_KEYS);
        for (const key of ['primary_colors', 'secondary_colors', 'accent_colors', 'neutral_colors', 'semantic_colors'] as const) {
          for (const hex of twin[key]) expect(hex).toMatch(HEX_PATTERN);
        }
        const visual = new Set(g.rules.filter((r) => r.category === 'visual').map((r) => r.instruction.trim()));
        for (const rule of [...twin.visual_dos, ...twin.visual_donts]) expect(visual.has(rule)).toBe(true);
        const families = new Set(g.typography.map((t) => t.family.trim()));
        for (const family of twin.font_families) expect(families.has(family)).toBe(true);
        // Colour names and context prose never reach the twin.
        const serialized = JSON.stringify(twin);
        for (const c of g.colors) {
          if (c.context && c.context.length > 12 && !visual.has(c.context)) {
            expect(serialized.includes(JSON.stringify(c.context))).toBe(false);
          }
        }
        expect(CompressedDigitalTwin.parse(twin)).toEqual(twin);
      }),
      { numRuns: 100 },
    );
  });
});

describe('seed property 4: every twin ends up under the token limit', () => {
  it('fits realistic brands without dropping anything but the rule cap', () => {
    fc.assert(
      fc.property(guidelinesArb(), (g) => {
        const { twin, tokens, notes } = compileTwin(g);
        expect(tokens).toBe(estimateTokens(twin));
        expect(validateSize(twin)).toBe(true);
        expect(notes.every((n) => !/too large/.test(n))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('compresses adversarial brands (thousands of colours, very long rules) and flags them for review', () => {
    const adversarial = fc
      .record({
        colors: fc.array(colorInputArb, { minLength: 2000, maxLength: 5000 }),
        rules: fc.array(
          fc.record({
            category: fc.constant('visual'),
            instruction: fc.string({ minLength: 1000, maxLength: 30_000 }),
            severity: fc.constantFrom('warning', 'critical'),
            negative_constraint: fc.boolean(),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        typography: fc.array(fc.record({ family: fc.string({ minLength: 1, maxLength: 10_000 }) }), { maxLength: 20 }),
      })
      .map((input) => BrandGuidelines.parse(input));
    fc.assert(
      fc.property(adversarial, fc.integer({ min: 500, max: TWIN_TOKEN_LIMIT }), (g, limit) => {
        const { twin, tokens, notes } = compileTwin(g, limit);
        expect(tokens).toBeLessThan(limit);
        expect(estimateTokens(twin)).toBe(tokens);
        const untouched = compileTwin(g, Number.MAX_SAFE_INTEGER);
        if (estimateTokens(untouched.twin) >= limit) expect(notes.some((n) => /too large/.test(n))).toBe(true);
        // What survives is always the heaviest colour of each role.
        for (const key of ['primary_colors', 'neutral_colors'] as const) {
          if (untouched.twin[key].length > 0) expect(twin[key][0]).toBe(untouched.twin[key][0]);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('drops the lowest-weight colours first', () => {
    const colors = Array.from({ length: 3000 }, (_, i) => ({
      name: `c${i}`,
      hex: `#${i.toString(16).padStart(6, '0')}`,
      usage: 'secondary',
      usage_weight: (3000 - i) / 3000,
    }));
    const { twin } = compileTwin(BrandGuidelines.parse({ colors }), 2_000);
    const kept = twin.secondary_colors.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(3000);
    expect(twin.secondary_colors).toEqual(colors.slice(0, kept).map((c) => c.hex.toUpperCase()));
  });
});
