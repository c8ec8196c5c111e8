import { z } from 'zod';

/**
 * The JSON Schema keywords Gemini documents for `responseJsonSchema`. Others
 * are ignored at best; a schema the service finds too complex is refused with
 * a bare 400 "Request contains an invalid argument".
 */
export const MODEL_SCHEMA_KEYWORDS = [
  'type',
  'properties',
  'required',
  'items',
  'prefixItems',
  'enum',
  'description',
  'title',
  'format',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'anyOf',
  'nullable',
  'additionalProperties',
  'propertyOrdering',
  '$ref',
  '$defs',
] as const;

const KEPT = new Set<string>(MODEL_SCHEMA_KEYWORDS);
/** Keywords whose value is a map of names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', '$defs']);

type Json = Record<string, unknown>;
/** zod writes ±(2^53 − 1) for `.int()`: no bound at all, as far as a model is concerned. */
const UNBOUNDED = 1e15;

/**
 * One node in the documented subset:
 * - keywords outside the subset (`pattern`, `default`, `minLength`,
 *   `propertyNames`, `$schema` …) are dropped: zod still enforces them when
 *   the answer is parsed, the model is not asked to;
 * - a numeric bound is kept only as a closed range (both `minimum` and
 *   `maximum`, e.g. a score 0..100): a one-sided bound such as zod's
 *   safe-integer limits tells the model nothing and only adds states;
 * - `const` becomes a one-value `enum`; `type: [T, "null"]` becomes `anyOf`.
 */
function toSubset(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toSubset);
  if (node === null || typeof node !== 'object') return node;
  const input = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'const') out['enum'] = [value];
    if (!KEPT.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, schema]) => [name, toSubset(schema)]));
    } else if (key === 'items' && typeof value === 'boolean') {
      continue; // `items: false` after prefixItems (a tuple): the item count already says it.
    } else {
      out[key] = toSubset(value);
    }
  }
  const bound = (v: unknown) => typeof v === 'number' && Math.abs(v) < UNBOUNDED;
  if (!(bound(out['minimum']) && bound(out['maximum']))) {
    delete out['minimum'];
    delete out['maximum'];
  }
  if (Array.isArray(out['type'])) {
    const { type, ...rest } = out;
    return { anyOf: (type as string[]).map((t) => (t === 'null' ? { type: 'null' } : { ...rest, type: t })) };
  }
  return out;
}

/**
 * JSON Schema for a model's structured output, generated from the zod schema
 * (one source of truth) and reduced to the keywords Gemini documents.
 * `io: 'output'` describes the normalised values we want the model to emit;
 * transforms and defaults are applied when we parse.
 */
export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return toSubset(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })) as Record<string, unknown>;
}
