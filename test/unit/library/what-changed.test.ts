import { describe, expect, it } from 'vitest';
import { diffGuidelines, summariseChange } from '../../../shared/library/what-changed';
import { ComplianceScore } from '../../../shared/schema';
import { testGuidelines } from '../../fixtures/images/generate';

const score = (overall: number, approved: boolean, findings: { description: string; severity?: string }[] = []) =>
  ComplianceScore.parse({
    overall_score: overall,
    approved,
    categories: [{ category: 'colors', score: overall, passed: approved, violations: findings.map((f, i) => ({ id: `v${i}`, category: 'colors', source: 'pixel', severity: f.severity ?? 'high', description: f.description })) }],
  });

describe('what changed between audits', () => {
  it('names palette, role, rule and typeface changes the way a designer would', () => {
    const before = testGuidelines();
    const after = {
      ...before,
      colors: [
        ...before.colors.filter((c) => c.name !== 'Coral' && c.name !== 'Sky').map((c) => (c.name === 'Ink' ? { ...c, usage: 'primary' as const } : c)),
        { ...before.colors.find((c) => c.name === 'Sky')!, hex: '#7FC0EA' },
        { ...before.colors[0]!, name: 'Teal', hex: '#008080', usage: 'accent' as const },
      ],
      rules: [...before.rules.slice(1), { ...before.rules[0]!, instruction: 'Logos never on photos.' }],
      typography: [{ family: 'Inter', weights: [], usage: '', confidence: 1, provenance: [] }],
    };
    expect(diffGuidelines(before, after)).toEqual([
      'Sky changed from #6FB3E0 to #7FC0EA',
      'Coral (#FF6B4A) is no longer in the palette',
      'Ink (#1D2433) is now primary (was neutral)',
      'Teal (#008080) was added to the palette as accent',
      'New warning rule: “Logos never on photos.”',
      'Rule removed: “Use only the colours of the brand palette.”',
      'Typeface Inter was added',
    ]);
  });

  it('explains a flipped decision with the guideline change, and tracks findings by what they say', () => {
    const change = summariseChange(
      { score: score(92, true, [{ description: 'Off-palette colour #2EBD4E covers 2.0 % of the image' }]), version: 1, guidelines: testGuidelines() },
      {
        score: score(61, false, [{ description: 'Off-palette colour #2EBD4E covers 2.1 % of the image' }, { description: 'Off-palette colour #FF6B4A covers 10.0 % of the image', severity: 'critical' }]),
        version: 2,
        guidelines: { ...testGuidelines(), colors: testGuidelines().colors.filter((c) => c.name !== 'Coral') },
      },
    );
    expect(change.headline).toBe('Approved under v1, fails under v2: Coral (#FF6B4A) is no longer in the palette');
    expect(change.new_findings.map((f) => f.description)).toEqual(['Off-palette colour #FF6B4A covers 10.0 % of the image']);
    expect(change.resolved_findings).toEqual([]);
  });

  it('says "still" when the decision holds, and uses resolved findings when a re-audit passes', () => {
    expect(summariseChange({ score: score(90, true), version: 2 }, { score: score(84.56, true), version: 3 }).headline).toBe('Still approved under v3 (score 90 → 84.6)');
    const up = summariseChange({ score: score(70, false, [{ description: 'Logo too small' }]), version: 2 }, { score: score(88, true), version: 2 });
    expect(up.headline).toBe('Was not approved, now approved under v2: Logo too small');
  });
});
