import { z } from 'zod';

/**
 * A multi-turn image chat as plain JSON. `history` is the SDK chat history
 * verbatim — including thought parts and the thought signatures the image
 * model requires back on the next turn — so the session can be stored in a
 * job's state and an edit chain survives an app restart.
 */
export const EditSession = z.object({
  version: z.literal(1),
  model: z.string().min(1),
  system_instruction: z.string(),
  image_config: z.object({ aspect_ratio: z.string(), image_size: z.string() }),
  history: z.array(
    z.looseObject({
      role: z.enum(['user', 'model']),
      parts: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
  /** Completed image turns (1 after the first generation). */
  turns: z.number().int().min(0),
});
export type EditSession = z.infer<typeof EditSession>;

/** The signatures a session will replay, e.g. for tests and diagnostics. */
export function sessionSignatures(session: EditSession): string[] {
  return session.history
    .filter((c) => c.role === 'model')
    .flatMap((c) => c.parts.map((p) => p['thoughtSignature']).filter((s): s is string => typeof s === 'string'));
}
