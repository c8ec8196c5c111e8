import { z } from 'zod';

export const DEFAULT_REASONING_MODEL = 'gemini-3.1-pro-preview';
export const DEFAULT_VISION_MODEL = 'gemini-3-pro-image';

/** USD prices per model (Gemini API list prices, late 2026); used to record cost per call. */
export const ModelPrice = z.object({
  input_per_million_tokens: z.number().min(0),
  output_per_million_tokens: z.number().min(0),
  per_image: z.number().min(0).default(0),
});

export const DEFAULT_PRICES: Record<string, z.input<typeof ModelPrice>> = {
  'gemini-3.1-pro-preview': { input_per_million_tokens: 2, output_per_million_tokens: 12 },
  'gemini-3-pro-image': { input_per_million_tokens: 2, output_per_million_tokens: 12, per_image: 0.134 },
};

const modelId = z
  .string()
  .trim()
  .min(1, 'Model name cannot be empty')
  .regex(/^[a-z0-9][a-z0-9.-]*$/i, 'Model name may only contain letters, digits, dots and dashes');

export const Settings = z.object({
  reasoning_model: modelId.default(DEFAULT_REASONING_MODEL),
  vision_model: modelId.default(DEFAULT_VISION_MODEL),
  compliance_threshold: z
    .number()
    .min(0, 'compliance_threshold is a fraction between 0 and 1 (e.g. 0.8 for 80 %)')
    .max(1, 'compliance_threshold is a fraction between 0 and 1 (e.g. 0.8 for 80 %)')
    .default(0.8),
  max_generation_attempts: z
    .number()
    .int('max_generation_attempts must be a whole number')
    .min(1, 'max_generation_attempts must be at least 1')
    .max(10, 'max_generation_attempts must be at most 10')
    .default(3),
  gemini_base_url: z.url({ protocol: /^https?$/, message: 'gemini_base_url must be an http(s) URL' }).nullable().default(null),
  request_timeout_ms: z.number().int().min(1_000).max(600_000).default(120_000),
  generation_timeout_ms: z.number().int().min(1_000).max(900_000).default(180_000),
  reasoning_concurrency: z.number().int().min(1).max(16).default(2),
  vision_concurrency: z.number().int().min(1).max(16).default(2),
  prices: z.record(z.string(), ModelPrice).default(DEFAULT_PRICES as Record<string, z.infer<typeof ModelPrice>>),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsPatch = Partial<z.input<typeof Settings>>;
