import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BrandGuidelines,
  COLOR_USAGES,
  RULE_CATEGORIES,
  type BrandGuidelinesInput,
} from '../../../shared/schema';
import { compileTwin } from '../../../shared/twin';
import { openStore } from '../../../electron/core/store';
import { useTempDirs } from './temp-dir';

// Text as PDFs and models deliver it: any code point, combining graphemes, and
// the characters that break naive JSON/SQL handling (quotes, NUL, U+2028, lone surrogates).
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', '\\', "'", '\u0000', '\u2028', '\uD800', '\uDFFF', '😀', 'é', ' '), maxLength: 12 }),
);
const nonEmptyText = text.filter((s) => s.length > 0);

// Every notation the schema accepts for a hex code.
const hex = fc
  .tuple(fc.integer({ min: 0, max: 0xffffff }), fc.boolean(), fc.boolean())
  .map(([n, hash, lower]) => {
    const digits = n.toString(16).padStart(6, '0');
    return `${hash ? '#' : ''}${lower ? digits.toLowerCase() : digits.toUpperCase()}`;
  });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const provenance = fc.record(
  {
    page: fc.integer({ min: 1, max: 500 }),
    bbox: fc.option(fc.record({ x: unit, y: unit, w: unit, h: unit })),
    source: fc.constantFrom('text', 'vector', 'raster', 'model', 'user'),
  },
  { requiredKeys: ['page', 'source'] },
);
const provenances = fc.array(provenance, { maxLength: 2 });

const color = fc.record(
  {
    name: text,
    hex,
    usage: fc.constantFrom(...COLOR_USAGES, 'Background', 'PRIMARY', ' Accent '),
    usage_weight: unit,
    context: fc.option(text),
    confidence: unit,
    provenance: provenances,
    verified: fc.boolean(),
    pantone: fc.option(text),
    cmyk: fc.option(fc.tuple(...Array.from({ length: 4 }, () => fc.double({ min: 0, max: 100, noNaN: true })))),
  },
  { requiredKeys: ['name', 'hex', 'usage'] },
);

const typography = fc.record(
  {
    family: nonEmptyText,
    weights: fc.array(fc.oneof(fc.constantFrom('400', '700', 'Bold'), fc.integer({ min: 100, max: 900 })), { maxLength: 4 }),
    usage: text,
    confidence: unit,
    provenance: provenances,
  },
  { requiredKeys: ['family'] },
);

const logo = fc.record(
  {
    variant_name: text,
    url: text,
    min_width_px: fc.nat({ max: 2000 }),
    clear_space_ratio: fc.double({ min: 0, max: 5, noNaN: true }),
    forbidden_backgrounds: fc.array(fc.oneof(hex, nonEmptyText), { maxLength: 3 }),
    provenance: provenances,
  },
  { requiredKeys: ['variant_name'] },
);

const rule = fc.record(
  {
    category: fc.constantFrom(...RULE_CATEGORIES, 'Visual'),
    instruction: nonEmptyText,
    severity: fc.constantFrom('warning', 'critical', 'High', 'low'),
    negative_constraint: fc.boolean(),
    provenance: provenances,
  },
  { requiredKeys: ['category', 'instruction', 'severity'] },
);

const voice = fc.record({
  adjectives: fc.array(text, { maxLength: 3 }),
  forbidden_words: fc.array(text, { maxLength: 3 }),
  example_phrases: fc.array(text, { maxLength: 3 }),
});

const guidelinesInput: fc.Arbitrary<BrandGuidelinesInput> = fc.record(
  {
    colors: fc.array(color, { maxLength: 12 }),
    typography: fc.array(typography, { maxLength: 4 }),
    logos: fc.array(logo, { maxLength: 3 }),
    voice: fc.option(voice),
    rules: fc.array(rule, { maxLength: 10 }),
    source_filename: fc.option(text),
    ingested_at: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    identity_core: fc.option(
      fc.record(
        {
          archetype: fc.option(text),
          // JSON has no negative zero (-0 is stored as 0, the same value), so the generator leaves it out.
          voice_vectors: fc.dictionary(text, fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0), { maxKeys: 3 }),
          negative_constraints: fc.array(text, { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
    ),
    contextual_rules: fc.array(
      fc.record({ context: text, rule: text, priority: fc.integer({ min: 1, max: 10 }), applies_to: fc.array(text, { maxLength: 2 }) }),
      { maxLength: 2 },
    ),
    version: text,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<BrandGuidelinesInput>;

const brandName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);

describe('seed property 5: a brand saved with a twin reads back with an identical twin', () => {
  const tempDir = useTempDirs();

  it('holds for any valid guidelines, across closing and reopening the store', () => {
    const dataDir = tempDir();
    fc.assert(
      fc.property(guidelinesInput, brandName, (input, name) => {
        const guidelines = BrandGuidelines.parse(input);
        const { twin, notes } = compileTwin(guidelines);

        const writer = openStore({ dataDir });
        let brandId: string;
        try {
          brandId = writer.brands.create({ name, guidelines, compressed_twin: twin, needs_review: notes }).brand_id;
        } finally {
          writer.close();
        }

        const reader = openStore({ dataDir });
        try {
          const brand = reader.brands.require(brandId);
          expect(brand.compressed_twin).toEqual(twin);
          expect(brand.guidelines).toEqual(guidelines);
          // Same bytes, not just deep-equal: nothing reordered, re-encoded or defaulted differently.
          expect(JSON.stringify(brand.compressed_twin)).toBe(JSON.stringify(twin));
          expect(JSON.stringify(brand.guidelines)).toBe(JSON.stringify(guidelines));
          expect(brand.name).toBe(name.trim());
          expect(brand.needs_review).toEqual(notes);
          // The stored twin is still the one the guidelines compile to.
          expect(compileTwin(brand.guidelines).twin).toEqual(brand.compressed_twin);
          expect(reader.brands.listVersions(brandId).find((v) => v.version === 1)?.compressed_twin).toEqual(twin);
        } finally {
          reader.close();
        }
      }),
      { numRuns: Number(process.env.STORE_PROPERTY_RUNS ?? 50) },
    );
  });
});
