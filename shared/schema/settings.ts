import { z } from 'zod';

export const DEFAULT_REASONING_MODEL = 'gemini-3.1-pro-preview';
export const DEFAULT_VISION_MODEL = 'gemini-3-pro-image';

/** USD prices per model (Gemini API list prices, late 2026); used to record cost per call. */
export const ModelPrice = z.object({
  input_per_million_tokens: z.number().min(0),
  output_per_million_tokens: z.number().min(0),
  /** Per generated image at 1K/2K. */
  per_image: z.number().min(0).default(0),
  /** Per generated image at other sizes, e.g. { "4K": 0.24 }; sizes not listed cost `per_image`. */
  per_image_by_size: z.record(z.string(), z.number().min(0)).optional(),
  /** The higher rate for the whole call once its prompt exceeds `above_prompt_tokens` (long-context tier). */
  long_context: z
    .object({
      above_prompt_tokens: z.number().int().min(0),
      input_per_million_tokens: z.number().min(0),
      output_per_million_tokens: z.number().min(0),
    })
    .optional(),
});

export const DEFAULT_PRICES: Record<string, z.input<typeof ModelPrice>> = {
  'gemini-3.1-pro-preview': {
    input_per_million_tokens: 2,
    output_per_million_tokens: 12,
    long_context: { above_prompt_tokens: 200_000, input_per_million_tokens: 4, output_per_million_tokens: 18 },
  },
  'gemini-3-pro-image': { input_per_million_tokens: 2, output_per_million_tokens: 12, per_image: 0.134, per_image_by_size: { '4K': 0.24 } },
};

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL host is this computer (plain http stays on the machine). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/**
 * Why a Gemini endpoint may not receive the API key (which travels in a header
 * of every request), or null when it may: https anywhere, plain http only to
 * this computer, no credentials, query or fragment in the URL.
 */
export function geminiBaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'gemini_base_url must be an https:// URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'gemini_base_url must be an https:// URL';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'gemini_base_url must use https:// (plain http:// is allowed only to this computer: localhost, 127.0.0.1 or [::1]), because the Gemini API key is sent with every request';
  }
  if (url.username || url.password) return 'gemini_base_url must not contain a user name or password';
  if (url.search || url.hash) return 'gemini_base_url must not contain a query (?…) or fragment (#…)';
  return null;
}

/** Where Gemini requests (and the key) go; null = Google's endpoint. */
export const GeminiBaseUrl = z.string().trim().superRefine((value, ctx) => {
  const problem = geminiBaseUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

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
  gemini_base_url: GeminiBaseUrl.nullable().default(null),
  /** Per attempt for short requests (token counts, model checks, file status). Thinking calls have their own (gemini/timeouts.ts). */
  request_timeout_ms: z.number().int().min(1_000).max(600_000).default(120_000),
  /** Per attempt for image generation and edits. */
  generation_timeout_ms: z.number().int().min(1_000).max(900_000).default(180_000),
  reasoning_concurrency: z.number().int().min(1).max(16).default(2),
  vision_concurrency: z.number().int().min(1).max(16).default(2),
  prices: z.record(z.string(), ModelPrice).default(DEFAULT_PRICES as Record<string, z.infer<typeof ModelPrice>>),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsPatch = Partial<z.input<typeof Settings>>;
