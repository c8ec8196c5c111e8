import { ThinkingLevel, type Content, type GenerateContentConfig } from '@google/genai';
import { MobiusError } from '../../../shared/errors';
import { usageOf } from './call';
import type { GeminiContext } from './context';
import { modelJsonSchema, type StructuredOperation } from './model-schemas';
import { repairPrompt } from './prompts';
import { answerText, assertNotBlocked, parseJsonText } from './response';
import type { CallCost, CallOptions } from './types';

export type Validation<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The request config of a structured-output call: the reasoning model thinking hard, answering JSON in the operation's slim schema (model-schemas.ts). */
export function structuredConfig(systemInstruction: string, operation: StructuredOperation): GenerateContentConfig {
  return {
    systemInstruction,
    responseMimeType: 'application/json',
    responseJsonSchema: modelJsonSchema(operation),
    thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH },
    temperature: 1,
  };
}

/**
 * One structured-output request (`responseJsonSchema`) plus, if the JSON is
 * unusable, one repair request; then GEMINI_BAD_RESPONSE with what was wrong.
 */
export async function structuredCall<T>(
  ctx: GeminiContext,
  operation: StructuredOperation,
  contents: Content[],
  config: GenerateContentConfig,
  options: CallOptions,
  validate: (value: unknown) => Validation<T>,
): Promise<{ value: T; cost: CallCost }> {
  const model = ctx.modelFor(operation);
  const request = (c: Content[]) =>
    ctx.call({
      operation,
      model,
      options,
      baseTimeoutMs: ctx.timeout(operation),
      request: (signal) => ctx.ai.models.generateContent({ model, contents: c, config: { ...config, abortSignal: signal } }),
      interpret: (response) => {
        assertNotBlocked(response, model);
        return answerText(response);
      },
      usage: (response) => usageOf(response),
    });
  const first = await request(contents);
  const parsed = parseJsonText(first.value);
  const checked = parsed.ok ? validate(parsed.value) : parsed;
  if (checked.ok) return { value: checked.value, cost: first.cost };
  ctx.logger.warn('gemini.repair', { model_name: model, operation_type: operation, brand_id: options.brandId ?? null, problem: checked.problem.slice(0, 300) });
  const repaired = await request([{ role: 'user', parts: [{ text: repairPrompt(first.value, checked.problem) }] }]);
  const total = { tokens: first.cost.tokens + repaired.cost.tokens, usd: first.cost.usd + repaired.cost.usd };
  const reparsed = parseJsonText(repaired.value);
  const rechecked = reparsed.ok ? validate(reparsed.value) : reparsed;
  if (rechecked.ok) return { value: rechecked.value, cost: total };
  throw new MobiusError(
    'GEMINI_BAD_RESPONSE',
    `Gemini's answer could not be understood, even after asking it to fix it (${rechecked.problem.slice(0, 200)}).`,
    { model, operation, problem: rechecked.problem.slice(0, 500), cost_usd: total.usd },
  );
}
