import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CategoryScore, ComplianceScore, Violation } from '../../../shared/schema';
import { Violation as ViolationSchema } from '../../../shared/schema';
import { buildCorrectionInstruction, describeRegion, openFindings } from '../../../electron/core/workflow/correction';
import { canTransition, isTerminal, progressOf, TRANSITIONS } from '../../../electron/core/workflow/machine';
import { decideAfterAudit, policyFromSettings, selectBest } from '../../../electron/core/workflow/policy';
import type { AttemptRecord } from '../../../electron/core/workflow/state';
import { JOB_STATUSES } from '../../../shared/schema';

const v = (severity: Violation['severity'], description: string, extra: Partial<Violation> = {}): Violation =>
  ViolationSchema.parse({ category: 'colors', description, severity, fix_suggestion: `fix ${description}`, ...extra });

function score(overall: number, violations: Violation[] = [], partial = false): ComplianceScore {
  const categories: CategoryScore[] = [{ category: 'colors', score: overall, passed: overall >= 80, violations }];
  return { overall_score: overall, categories, approved: false, summary: '', partial, errors: partial ? [{ code: 'GEMINI_BAD_RESPONSE', message: 'x' }] : [], brand_version: 1, measured: null };
}

const policy = policyFromSettings({ compliance_threshold: 0.8, max_generation_attempts: 3 });

describe('policy', () => {
  it('reads threshold and attempts from settings', () => {
    expect(policy).toEqual({ threshold: 80, maxAttempts: 3 });
  });

  it('approves at the threshold without an open critical finding, corrects while attempts remain, then needs review', () => {
    expect(decideAfterAudit({ score: score(80), attemptCount: 1, policy, autoCorrect: true })).toBe('approved');
    expect(decideAfterAudit({ score: score(95, [v('critical', 'accent background')]), attemptCount: 1, policy, autoCorrect: true })).toBe('correct');
    expect(decideAfterAudit({ score: score(95, [v('critical', 'accent background', { status: 'dismissed' })]), attemptCount: 1, policy, autoCorrect: true })).toBe('approved');
    expect(decideAfterAudit({ score: score(79.99), attemptCount: 2, policy, autoCorrect: true })).toBe('correct');
    expect(decideAfterAudit({ score: score(60), attemptCount: 3, policy, autoCorrect: true })).toBe('needs_review');
    expect(decideAfterAudit({ score: score(60), attemptCount: 1, policy, autoCorrect: false })).toBe('needs_review');
    // A score the model could not complete is never approved on pixels alone, and an edit would not help.
    expect(decideAfterAudit({ score: score(99, [], true), attemptCount: 1, policy, autoCorrect: true })).toBe('needs_review');
  });

  it('property: the decision is monotone in the score and never corrects past the attempt limit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (overall, attempts, max) => {
        const p = { threshold: 80, maxAttempts: max };
        const d = decideAfterAudit({ score: score(overall), attemptCount: attempts, policy: p, autoCorrect: true });
        if (overall >= 80) expect(d).toBe('approved');
        else expect(d).toBe(attempts < max ? 'correct' : 'needs_review');
      }),
    );
  });

  it('selects the best version: no open critical first, then the highest score, then the earliest', () => {
    const a = (attempt: number, overall: number | null, critical = false): AttemptRecord => ({
      attempt,
      round: 1,
      asset_id: `a${attempt}`,
      kind: attempt === 1 ? 'generate' : 'correct',
      instruction: null,
      session_turn: attempt,
      overall_score: overall,
      approved: false,
      open_critical: critical,
      audit_id: null,
    });
    expect(selectBest([a(1, 70), a(2, 75), a(3, 72)])?.asset_id).toBe('a2');
    expect(selectBest([a(1, 70), a(2, 90, true), a(3, 72)])?.asset_id).toBe('a3');
    expect(selectBest([a(1, 70), a(2, 70)])?.asset_id).toBe('a1');
    expect(selectBest([a(1, null)])?.asset_id).toBe('a1');
    expect(selectBest([])).toBeNull();
  });
});

describe('correction instruction', () => {
  it('lists open findings most severe first with the fix and the region in words, and skips dismissed ones', () => {
    const s = score(60, [
      v('low', 'Slight grain'),
      v('high', 'Off-palette orange block', { region: { x: 0.7, y: 0, w: 0.3, h: 0.3 } }),
      v('critical', 'Accent colour used as background', { region: { x: 0, y: 0, w: 1, h: 1 } }),
      v('medium', 'Ignored', { status: 'dismissed' }),
    ]);
    expect(openFindings(s).map((f) => f.severity)).toEqual(['critical', 'high', 'low']);
    const text = buildCorrectionInstruction(s, 80);
    expect(text.indexOf('[CRITICAL]')).toBeLessThan(text.indexOf('[HIGH]'));
    expect(text.indexOf('[HIGH]')).toBeLessThan(text.indexOf('[LOW]'));
    expect(text).toContain('Where: the block in the top-right quarter');
    expect(text).toContain('most of the image');
    expect(text).toContain('Fix: fix Off-palette orange block');
    expect(text).not.toContain('Ignored');
  });

  it('describes regions in words', () => {
    expect(describeRegion({ x: 0.4, y: 0.4, w: 0.2, h: 0.2 })).toContain('the centre');
    expect(describeRegion({ x: 0, y: 0.8, w: 0.1, h: 0.1 })).toContain('small block in the bottom-left quarter');
    expect(describeRegion({ x: 0.4, y: 0, w: 0.2, h: 0.1 })).toContain('the top centre');
    expect(describeRegion(null)).toBeNull();
  });

  it('property: the instruction depends only on the latest audit and stays bounded (no accumulation)', () => {
    const finding = fc.record({
      severity: fc.constantFrom('low', 'medium', 'high', 'critical') as fc.Arbitrary<Violation['severity']>,
      description: fc.string({ minLength: 1, maxLength: 120 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(finding, { maxLength: 20 }), { minLength: 1, maxLength: 6 }), (audits) => {
        const texts = audits.map((fs) => buildCorrectionInstruction(score(50, fs.map((f) => v(f.severity, f.description))), 80));
        const last = audits.at(-1)!;
        expect(texts.at(-1)).toBe(buildCorrectionInstruction(score(50, last.map((f) => v(f.severity, f.description))), 80));
        for (const t of texts) expect(t.length).toBeLessThan(2_000);
      }),
    );
  });
});

describe('state machine', () => {
  it('has the documented arrows and terminal statuses', () => {
    expect(canTransition('pending', 'generating')).toBe(true);
    expect(canTransition('generating', 'auditing')).toBe(true);
    expect(canTransition('auditing', 'correcting')).toBe(true);
    expect(canTransition('correcting', 'generating')).toBe(true);
    expect(canTransition('auditing', 'approved')).toBe(true);
    expect(canTransition('generating', 'approved')).toBe(false);
    expect(canTransition('cancelled', 'pending')).toBe(false);
    for (const s of JOB_STATUSES) expect(TRANSITIONS[s]).toBeDefined();
    expect(['approved', 'needs_review', 'failed', 'cancelled'].every((s) => isTerminal(s as never))).toBe(true);
  });

  it('property: progress stays in 0..100, is 100 only when terminal, and grows along a job', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOB_STATUSES), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 10 }), (status, attempts, max) => {
        const p = progressOf(status, attempts, max);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        expect(p === 100).toBe(isTerminal(status));
      }),
    );
    const path = [progressOf('pending', 0, 3), progressOf('generating', 0, 3), progressOf('auditing', 1, 3), progressOf('correcting', 1, 3), progressOf('generating', 1, 3), progressOf('auditing', 2, 3), progressOf('approved', 2, 3)];
    expect([...path].sort((a, b) => a - b)).toEqual(path);
  });
});
