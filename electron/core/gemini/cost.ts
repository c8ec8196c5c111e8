import type { Settings } from '../../../shared/schema/settings';

export interface TokenUsage {
  prompt: number;
  candidates: number;
  thoughts: number;
}

interface UsageMetadataLike {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
}

export function tokenUsage(usage: UsageMetadataLike | undefined): TokenUsage {
  return { prompt: usage?.promptTokenCount ?? 0, candidates: usage?.candidatesTokenCount ?? 0, thoughts: usage?.thoughtsTokenCount ?? 0 };
}

/** Output tokens an image costs (Gemini 3 Pro Image: 1120 for 1K/2K, 2000 for 4K). */
export function imageOutputTokens(imageSize: string | undefined): number {
  return (imageSize ?? '1K').toUpperCase() === '4K' ? 2000 : 1120;
}

/**
 * USD for one call from the price table in settings. Images are billed at the
 * per-image price for their size (which already covers their output tokens);
 * thinking is billed as output; a prompt above the model's long-context
 * threshold moves the whole call to the higher rate. Unknown model → 0 (and
 * the log says so via cost_known).
 */
export function callCost(
  model: string,
  usage: TokenUsage,
  prices: Settings['prices'],
  images: { count: number; size?: string } = { count: 0 },
): { usd: number; known: boolean } {
  const price = prices[model];
  if (!price) return { usd: 0, known: false };
  const size = (images.size ?? '1K').toUpperCase();
  // The settings default table is not run through zod, so per_image can be missing.
  const perImage = price.per_image_by_size?.[size] ?? price.per_image ?? 0;
  const imageTokens = perImage > 0 ? images.count * imageOutputTokens(size) : 0;
  const outputTokens = Math.max(0, usage.candidates - imageTokens) + usage.thoughts;
  const tier = price.long_context && usage.prompt > price.long_context.above_prompt_tokens ? price.long_context : price;
  const usd =
    (usage.prompt * tier.input_per_million_tokens) / 1e6 +
    (outputTokens * tier.output_per_million_tokens) / 1e6 +
    images.count * perImage;
  return { usd: Math.round(usd * 1e6) / 1e6, known: true };
}
