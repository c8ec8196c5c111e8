import { describe, expect, it } from 'vitest';
import { inferRuleScope, shareLimitOf, unclearRuleNotes, withRuleScopes } from '../../../shared/rule-scope';
import { BrandGuidelines } from '../../../shared/schema';
import { CORPUS_BRANDS } from '../../fixtures/audit-corpus/brands';

const colors = [
  { name: 'Paper', hex: '#F4F1EA', usage: 'neutral' as const },
  { name: 'Ink', hex: '#1D2433', usage: 'neutral' as const },
  { name: 'Ocean', hex: '#0B5FA5', usage: 'primary' as const },
  { name: 'Sky', hex: '#6FB3E0', usage: 'secondary' as const },
  { name: 'Coral', hex: '#FF6B4A', usage: 'accent' as const },
];
const scope = (instruction: string) => inferRuleScope({ instruction }, colors);

describe('rule scope: what a colour rule constrains, from its wording', () => {
  it.each([
    ['Never set Coral text on Sky.', 'text_on_background', ['#FF6B4A', '#6FB3E0']],
    ["Don't set Sky type on Ocean.", 'text_on_background', ['#6FB3E0', '#0B5FA5']],
    ['Coral headlines must never be set on Paper.', 'text_on_background', ['#FF6B4A', '#F4F1EA']],
    ['Do not use Coral for body text or headlines on #F4F1EA.', 'text_on_background', ['#FF6B4A', '#F4F1EA']],
    ['Never use Coral for body copy.', 'text_on_background', ['#FF6B4A']],
    ['Never place Coral on Sky.', 'adjacency', ['#FF6B4A', '#6FB3E0']],
    ['Coral must never touch Sky.', 'adjacency', ['#FF6B4A', '#6FB3E0']],
    ['Ocean and Sky should never sit side by side.', 'adjacency', ['#0B5FA5', '#6FB3E0']],
    ['Never place Coral on a Sky background.', 'adjacency', ['#FF6B4A', '#6FB3E0']],
    ['Never use Sky as a background colour.', 'background', ['#6FB3E0']],
    ['Do not use Ocean for backgrounds.', 'background', ['#0B5FA5']],
    ['Never use accent colours for backgrounds.', 'background', ['#FF6B4A']],
    ['Use Coral sparingly: no more than 15 % of a layout.', 'usage_share', ['#FF6B4A']],
    ['Never let Ocean and Coral compete.', 'general', ['#0B5FA5', '#FF6B4A']],
    ['Use only the colours of the brand palette.', 'general', []],
    ['Keep clear space around the logo.', 'general', []],
  ])('%s → %s', (instruction, expected, hexes) => {
    expect(scope(instruction)).toEqual({ scope: expected, colors: hexes });
  });

  it('reads a stated share and nothing else', () => {
    expect(shareLimitOf('Use Coral sparingly: no more than 15 % of a layout.')).toBe(0.15);
    expect(shareLimitOf('Accent at most 8.5 percent')).toBe(0.085);
    expect(shareLimitOf('Use Coral sparingly.')).toBeNull();
  });

  it('records scope and colours on import, keeps a recorded scope, and lists unclear colour rules for review', () => {
    const guidelines = BrandGuidelines.parse({
      colors,
      rules: [
        { category: 'visual', instruction: 'Never set Coral text on Sky.', severity: 'critical', negative_constraint: true },
        { category: 'visual', instruction: 'Never let Ocean and Coral compete.', severity: 'critical', negative_constraint: true },
        { category: 'visual', instruction: 'Coral and Sky: see page 4.', severity: 'warning', scope: 'adjacency', colors: ['#ff6b4a', '#6FB3E0'] },
      ],
    });
    const scoped = withRuleScopes(guidelines);
    expect(scoped.rules.map((r) => [r.scope, r.colors])).toEqual([
      ['text_on_background', ['#FF6B4A', '#6FB3E0']],
      ['general', ['#0B5FA5', '#FF6B4A']],
      ['adjacency', ['#FF6B4A', '#6FB3E0']],
    ]);
    expect(unclearRuleNotes(scoped)).toEqual([expect.stringContaining('“Never let Ocean and Coral compete.” names Ocean and Coral but not what it constrains')]);
    // A Mobius import without the field still parses; the field is optional.
    expect(BrandGuidelines.parse({ rules: [{ category: 'visual', instruction: 'x', severity: 'warning' }] }).rules[0]!.scope).toBeUndefined();
  });

  it('reads every rule of the corpus brands as the corpus means it', () => {
    for (const brand of CORPUS_BRANDS) {
      const readings = brand.guidelines.rules.map((r) => inferRuleScope(r, brand.guidelines.colors).scope);
      expect(readings, brand.id).toEqual(['general', 'text_on_background', 'adjacency', 'background', brand.id === 'northwind' ? 'usage_share' : 'general']);
    }
  });
});
