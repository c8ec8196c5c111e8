import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { MODEL_SCHEMA_KEYWORDS, toModelJsonSchema } from '../../../shared/schema/json-schema';
import { MODEL_SCHEMAS, ModelGuidelines, guidelinesFromModel, modelJsonSchema } from '../../../electron/core/gemini/model-schemas';
import { structuredConfig } from '../../../electron/core/gemini/structured';

/**
 * The client's own budget per schema, well inside what the fake server
 * refuses (test/fakes/gemini-server/strict.ts): Google does not publish the
 * live limit, so the schemas stay small enough that it never matters.
 */
const BUDGET = { bytes: 3_000, properties: 40, bounds: 8, depth: 6 };
const ALLOWED = new Set<string>(MODEL_SCHEMA_KEYWORDS);

interface Walk {
  keywords: Set<string>;
  properties: number;
  bounds: number;
  depth: number;
  typeArrays: number;
}

/** Every keyword of every node (property names under `properties`/`$defs` are data, not keywords). */
function walk(schema: unknown): Walk {
  const result: Walk = { keywords: new Set(), properties: 0, bounds: 0, depth: 0, typeArrays: 0 };
  const visit = (node: unknown, depth: number) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth));
    if (!node || typeof node !== 'object') return;
    result.depth = Math.max(result.depth, depth);
    for (const [key, value] of Object.entries(node)) {
      result.keywords.add(key);
      if (['minimum', 'maximum', 'minItems', 'maxItems'].includes(key)) result.bounds++;
      if (key === 'type' && Array.isArray(value)) result.typeArrays++;
      if (key === 'properties' || key === '$defs') {
        result.properties += Object.keys(value as object).length;
        Object.values(value as object).forEach((inner) => visit(inner, depth + 1));
      } else if (key === 'items' || key === 'prefixItems' || key === 'anyOf' || key === 'additionalProperties') {
        visit(value, key === 'anyOf' ? depth : depth + 1);
      }
    }
  };
  visit(schema, 0);
  return result;
}

describe('model-facing schemas (every schema the client can send)', () => {
  const operations = Object.keys(MODEL_SCHEMAS) as Array<keyof typeof MODEL_SCHEMAS>;

  it.each(operations)('%s: only documented keywords, no type arrays, inside the size budget', (operation) => {
    const schema = modelJsonSchema(operation);
    const found = walk(schema);
    expect([...found.keywords].filter((k) => !ALLOWED.has(k))).toEqual([]);
    expect(found.typeArrays).toBe(0);
    expect(JSON.stringify(schema).length).toBeLessThanOrEqual(BUDGET.bytes);
    expect(found.properties).toBeLessThanOrEqual(BUDGET.properties);
    expect(found.bounds).toBeLessThanOrEqual(BUDGET.bounds);
    expect(found.depth).toBeLessThanOrEqual(BUDGET.depth);
  });

  it('the structured-output config of each operation carries exactly that schema', () => {
    for (const operation of operations) expect(structuredConfig('system', operation).responseJsonSchema).toBe(modelJsonSchema(operation));
  });

  it('the walker sees what it must: the full domain schema fails both the keyword subset and the budget', () => {
    const full = walk(z.toJSONSchema(BrandGuidelines, { io: 'output', unrepresentable: 'any' }));
    expect([...full.keywords].filter((k) => !ALLOWED.has(k))).toEqual(expect.arrayContaining(['pattern', 'default', 'propertyNames', '$schema']));
    expect(full.bounds).toBeGreaterThan(BUDGET.bounds);
    expect(full.properties).toBeGreaterThan(BUDGET.properties);
    // Reduced to the subset it would still be too big for the budget: the slim schema is what keeps it small.
    expect(JSON.stringify(toModelJsonSchema(BrandGuidelines)).length).toBeGreaterThan(BUDGET.bytes);
  });

  it('the extraction schema asks for no bookkeeping: provenance, confidence, verification, boxes, file name and time are code’s', () => {
    const text = JSON.stringify(modelJsonSchema('pdf_parsing'));
    for (const field of ['provenance', 'confidence', 'verified', 'bbox', 'source_filename', 'ingested_at', 'identity_core', 'cmyk']) expect(text).not.toContain(`"${field}"`);
  });

  it('an answer in the slim schema becomes domain guidelines with provenance from its pages', () => {
    const answer = ModelGuidelines.parse({
      colors: [{ name: 'Ocean', hex: '0b5fa5', usage: 'Primary', usage_weight: 0.3, pages: [2, 2, 5], context: 'CMYK 100 60 0 10' }],
      typography: [{ family: 'Inter', weights: [400, 700], usage: 'Body', pages: [4] }],
      logos: [{ variant_name: 'Mark', forbidden_backgrounds: ['#ff0000'] }],
      rules: [{ category: 'visual', instruction: 'Never stretch the logo', severity: 'critical', negative_constraint: true, pages: [6] }],
      // Extra fields a model (or an older reply) adds are dropped, not trusted.
      provenance: [{ page: 99, source: 'model' }],
    });
    const guidelines = BrandGuidelines.parse(guidelinesFromModel(answer));
    expect(guidelines.colors[0]).toMatchObject({ hex: '#0B5FA5', usage: 'primary', provenance: [{ page: 2, source: 'model' }, { page: 5, source: 'model' }], confidence: 1, pantone: null });
    expect(guidelines.typography[0]).toMatchObject({ family: 'Inter', weights: ['400', '700'], provenance: [{ page: 4, source: 'model' }] });
    expect(guidelines.logos[0]).toMatchObject({ min_width_px: 0, clear_space_ratio: 0, forbidden_backgrounds: ['#FF0000'], provenance: [] });
    expect(guidelines.rules[0]!.provenance).toEqual([{ page: 6, source: 'model' }]);
    expect(guidelines.source_filename).toBeNull();
    expect(guidelines.ingested_at).toBeNull();
  });
});
