import { z } from 'zod';

/**
 * JSON Schema for a model's structured output, generated from the zod schema
 * (one source of truth). `io: 'output'` describes the normalised values we
 * want the model to emit; transforms and defaults are applied when we parse.
 */
export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
}
