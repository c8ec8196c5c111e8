import { MobiusError, isMobiusError } from '../../../../shared/errors';
import type { GeminiContext } from '../context';
import { successorOf, type ModelRole } from '../models';
import type { CallOptions } from '../types';

export interface ModelCheck {
  role: ModelRole;
  model: string;
  available: boolean;
  error: { code: string; message: string; successor: string | null } | null;
}

/** Whether both configured models exist for this key; a retired id names its successor. */
export async function checkModels(ctx: GeminiContext, options: CallOptions = {}): Promise<ModelCheck[]> {
  const checks: ModelCheck[] = [];
  for (const handle of [ctx.reasoning, ctx.vision]) {
    try {
      await ctx.call({
        operation: 'model_check',
        model: handle.model,
        options,
        baseTimeoutMs: ctx.timeout('model_check'),
        request: (signal) => ctx.ai.models.get({ model: handle.model, config: { abortSignal: signal } }),
        interpret: (model) => model,
      });
      checks.push({ ...handle, available: true, error: null });
    } catch (error) {
      if (isMobiusError(error) && error.code === 'CANCELLED') throw error;
      const mobius = isMobiusError(error) ? error : new MobiusError('INTERNAL', String(error));
      checks.push({ ...handle, available: false, error: { code: mobius.code, message: mobius.message, successor: successorOf(handle.model) } });
    }
  }
  return checks;
}
