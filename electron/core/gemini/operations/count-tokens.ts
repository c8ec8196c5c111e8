import type { Content } from '@google/genai';
import type { GeminiContext } from '../context';
import type { OPERATION_ROLE } from '../models';
import type { CallOptions } from '../types';

export interface CountTokensOptions extends CallOptions {
  /** Whose model counts (default: the audit's reasoning model). */
  operation?: keyof typeof OPERATION_ROLE;
}

export async function countTokens(ctx: GeminiContext, contents: Content[] | string, options: CountTokensOptions = {}): Promise<number> {
  const model = ctx.modelFor(options.operation ?? 'compliance_audit');
  const { value } = await ctx.call({
    operation: 'token_count',
    model,
    options,
    baseTimeoutMs: ctx.timeout('token_count'),
    request: (signal) => ctx.ai.models.countTokens({ model, contents, config: { abortSignal: signal } }),
    interpret: (response) => response.totalTokens ?? 0,
  });
  return value;
}
