import fc from 'fast-check';
import { BrandGuidelines, COLOR_USAGES, type BrandGuidelinesInput } from '../../shared/schema';

export const hexArb = fc
  .integer({ min: 0, max: 0xffffff })
  .map((n) => `#${n.toString(16).padStart(6, '0').toUpperCase()}`);

export const colorInputArb = fc.record({
  name: fc.string({ maxLength: 40 }),
  hex: hexArb,
  usage: fc.constantFrom(...COLOR_USAGES),
  usage_weight: fc.double({ min: 0, max: 1, noNaN: true }),
  context: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
});

export const ruleInputArb = (maxLength = 300) =>
  fc.record({
    category: fc.constantFrom('visual', 'verbal', 'legal'),
    instruction: fc.string({ minLength: 1, maxLength }),
    severity: fc.constantFrom('warning', 'critical'),
    negative_constraint: fc.boolean(),
  });

/** Valid Mobius brand guidelines of realistic size; `scale` widens the lists for adversarial runs. */
export function guidelinesArb(options: { maxColors?: number; maxRules?: number; maxRuleLength?: number } = {}) {
  const { maxColors = 24, maxRules = 30, maxRuleLength = 300 } = options;
  return fc
    .record({
      colors: fc.array(colorInputArb, { maxLength: maxColors }),
      typography: fc.array(
        fc.record({
          family: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
          weights: fc.array(fc.constantFrom('300', '400', '700', 'Bold'), { maxLength: 3 }),
          usage: fc.string({ maxLength: 60 }),
        }),
        { maxLength: 5 },
      ),
      logos: fc.array(
        fc.record({
          variant_name: fc.string({ maxLength: 30 }),
          url: fc.constant(''),
          min_width_px: fc.integer({ min: 0, max: 2000 }),
          clear_space_ratio: fc.double({ min: 0, max: 3, noNaN: true }),
          forbidden_backgrounds: fc.array(hexArb, { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      rules: fc.array(ruleInputArb(maxRuleLength), { maxLength: maxRules }),
      source_filename: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    })
    .map((input: BrandGuidelinesInput) => BrandGuidelines.parse(input));
}
