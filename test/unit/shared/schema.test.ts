import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  Brand,
  BrandGuidelines,
  BrandRule,
  Color,
  ComplianceScore,
  Settings,
  Violation,
  toModelJsonSchema,
} from '../../../shared/schema';

describe('Color', () => {
  it.each([
    ['#0057b8', '#0057B8'],
    ['0057B8', '#0057B8'],
    ['  #abc ', '#AABBCC'],
    ['f0a', '#FF00AA'],
  ])('normalises hex %j to %j', (input, expected) => {
    expect(Color.parse({ name: 'x', hex: input, usage: 'primary' }).hex).toBe(expected);
  });

  it.each(['#12345', 'GGGGGG', 'rgb(1,2,3)', '', '#1234567'])('rejects %j with a clear message', (hex) => {
    const result = Color.safeParse({ name: 'x', hex, usage: 'primary' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/hex code/);
  });

  it('maps the legacy "background" usage to neutral and normalises case', () => {
    expect(Color.parse({ name: 'Paper', hex: '#FFFFFF', usage: 'Background' }).usage).toBe('neutral');
    expect(Color.parse({ name: 'Blue', hex: '#0000FF', usage: ' PRIMARY ' }).usage).toBe('primary');
  });

  it('rejects unknown usage words instead of dropping the colour silently', () => {
    expect(Color.safeParse({ name: 'x', hex: '#000000', usage: 'hero' }).success).toBe(false);
  });

  it('fills Mobius defaults and our extensions', () => {
    expect(Color.parse({ name: 'Ink', hex: '#111111', usage: 'neutral' })).toEqual({
      name: 'Ink',
      hex: '#111111',
      usage: 'neutral',
      usage_weight: 0,
      context: null,
      confidence: 1,
      provenance: [],
      verified: true,
    });
  });

  it('bounds usage_weight and confidence to 0..1', () => {
    expect(Color.safeParse({ name: 'x', hex: '#000000', usage: 'accent', usage_weight: 1.2 }).success).toBe(false);
    expect(Color.safeParse({ name: 'x', hex: '#000000', usage: 'accent', confidence: -0.1 }).success).toBe(false);
  });
});

describe('BrandRule and Violation severities', () => {
  it('case-normalises rule severity and category', () => {
    const rule = BrandRule.parse({ category: 'Visual', instruction: 'Never stretch the logo', severity: 'CRITICAL' });
    expect(rule).toMatchObject({ category: 'visual', severity: 'critical', negative_constraint: false });
  });

  it('maps severity synonyms and rejects unknown words (no silent zero)', () => {
    const base = { category: 'colors', description: 'd' };
    expect(Violation.parse({ ...base, severity: 'Major' }).severity).toBe('high');
    expect(Violation.parse({ ...base, severity: 'MEDIUM' }).severity).toBe('medium');
    expect(Violation.safeParse({ ...base, severity: 'catastrophic' }).success).toBe(false);
  });

  it('gives every violation an id and open status', () => {
    const v = Violation.parse({ category: 'colors', description: 'd', severity: 'low' });
    expect(v.id).toMatch(/[0-9a-f-]{36}/);
    expect(v.status).toBe('open');
    expect(v.source).toBe('model');
  });
});

describe('BrandGuidelines', () => {
  it('accepts later Mobius fields on import', () => {
    const g = BrandGuidelines.parse({
      identity_core: { archetype: 'Sage', voice_vectors: { formal: 0.7 }, negative_constraints: ['No slang'] },
      contextual_rules: [{ context: 'social', rule: 'Use emoji sparingly', priority: 3, applies_to: ['instagram'] }],
      version: '1.0.0',
    });
    expect(g.identity_core?.archetype).toBe('Sage');
    expect(g.colors).toEqual([]);
    expect(g.voice).toBeNull();
  });
});

describe('ComplianceScore', () => {
  it('keeps scores on the 0..100 scale', () => {
    const base = { categories: [], approved: false, summary: '' };
    expect(ComplianceScore.safeParse({ ...base, overall_score: 101 }).success).toBe(false);
    expect(ComplianceScore.parse({ ...base, overall_score: 55 }).partial).toBe(false);
  });
});

describe('Brand', () => {
  it('defaults organization_id to "local"', () => {
    const b = Brand.parse({
      brand_id: 'b1',
      name: 'Acme',
      guidelines: {},
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    expect(b.organization_id).toBe('local');
    expect(b.version).toBe(1);
  });
});

describe('Settings', () => {
  it('has the documented defaults', () => {
    expect(Settings.parse({})).toMatchObject({
      reasoning_model: 'gemini-3.1-pro-preview',
      vision_model: 'gemini-3-pro-image',
      compliance_threshold: 0.8,
      max_generation_attempts: 3,
      gemini_base_url: null,
    });
  });
});

describe('toModelJsonSchema', () => {
  it('generates the structured-output schema from zod with normalised enums, in the keyword subset Gemini documents', () => {
    const schema = toModelJsonSchema(BrandGuidelines) as {
      properties: { colors: { items: { properties: Record<string, { enum?: string[]; pattern?: string; minimum?: number; maximum?: number }> } } };
    };
    const color = schema.properties.colors.items.properties;
    expect(color['usage']?.enum).toEqual(['primary', 'secondary', 'accent', 'neutral', 'semantic']);
    // Enforced by zod when the answer is parsed, not asked of the model.
    expect(color['hex']).toEqual({ type: 'string' });
    // A closed range stays; a one-sided bound (≥ 0, zod's safe-integer limits) goes.
    expect(color['usage_weight']).toMatchObject({ minimum: 0, maximum: 1 });
    expect(schema).not.toHaveProperty('$schema');
    const text = JSON.stringify(schema);
    for (const keyword of ['pattern', 'default', 'propertyNames', 'minLength']) expect(text).not.toContain(`"${keyword}":`);
    expect(text).not.toContain('9007199254740991');
  });

  it('turns nullable types into anyOf and tuples into prefixItems without items: false', () => {
    expect(toModelJsonSchema(z.object({ a: z.string().nullable(), t: z.tuple([z.number(), z.number()]), c: z.literal('x') }))).toEqual({
      type: 'object',
      properties: {
        a: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        t: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2 },
        c: { type: 'string', enum: ['x'] },
      },
      required: ['a', 't', 'c'],
      additionalProperties: false,
    });
  });
});
