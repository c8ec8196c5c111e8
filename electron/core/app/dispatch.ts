import { OPERATIONS, isOperationName, ok, toErrorResult, validationResult, type OperationName, type Result } from '../../../shared/ipc';
import type { Engine } from './engine';

/**
 * The one path from an untrusted request to the engine: known operation →
 * zod parse → handler → Result. Electron main and the bridge both use it.
 */
export async function dispatch(engine: Pick<Engine, 'handlers'>, operation: unknown, request: unknown): Promise<Result<unknown>> {
  if (!isOperationName(operation)) {
    return { ok: false, error: { code: 'VALIDATION', message: 'Unknown operation.' } };
  }
  const parsed = OPERATIONS[operation].request.safeParse(request ?? {});
  if (!parsed.success) return validationResult(parsed.error, `request for ${operation}`);
  try {
    const handler = engine.handlers[operation] as (request: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    return toErrorResult(error);
  }
}

export type { OperationName };
