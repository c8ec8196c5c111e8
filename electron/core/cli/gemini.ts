import { createGeminiClient, fileStoreImageSink, type GeminiClient } from '../gemini';
import { requireGeminiConfig } from '../settings';
import type { CliContext } from './context';

/**
 * The Gemini client for commands that can use it, or null when no key is set
 * (those commands then work offline and say so). Errors other than a missing
 * key — e.g. an unreadable keychain — propagate.
 */
export async function optionalGeminiClient(ctx: CliContext): Promise<GeminiClient | null> {
  try {
    return await requiredGeminiClient(ctx);
  } catch (error) {
    if ((error as { code?: string }).code === 'GEMINI_NOT_CONFIGURED') return null;
    throw error;
  }
}

export async function requiredGeminiClient(ctx: CliContext): Promise<GeminiClient> {
  const config = await requireGeminiConfig({ settings: ctx.settings(), secrets: await ctx.secrets(), env: ctx.env });
  return createGeminiClient({ ...config, logger: ctx.logger(), images: fileStoreImageSink(ctx.store().files), env: ctx.env });
}
