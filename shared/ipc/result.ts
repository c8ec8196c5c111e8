import { z } from 'zod';
import { ERROR_CODES, isMobiusError, type ErrorCode } from '../errors';

export const ErrorPayload = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** Every response crosses the boundary in this envelope; errors are values, never thrown across IPC. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorPayload })]);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

const INTERNAL_MESSAGE = 'Something went wrong inside Mobius. Try again; if it keeps happening, the log in the data folder has the details.';

/** Map anything thrown by core to the envelope. Unknown errors never leak their message (it may hold paths or secrets). */
export function toErrorResult(error: unknown): Result<never> {
  if (isMobiusError(error)) return err(error.code, error.message, error.details);
  return err('INTERNAL', INTERNAL_MESSAGE);
}

/** Zod issues as a VALIDATION error the renderer can show next to a field. */
export function validationResult(error: z.ZodError, what: string): Result<never> {
  const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  return err('VALIDATION', `Invalid ${what}${first ? `: ${first.path ? `${first.path} — ` : ''}${first.message}` : ''}.`, { issues });
}
