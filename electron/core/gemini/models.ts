import { DEFAULT_REASONING_MODEL, DEFAULT_VISION_MODEL } from '../../../shared/schema/settings';

export type ModelRole = 'reasoning' | 'vision';

/** What a call does; it alone decides the model (correctness properties 2, 6, 10 in docs/ARCHITECTURE.md). */
export type OperationType = 'pdf_parsing' | 'image_generation' | 'image_edit' | 'compliance_audit' | 'token_count' | 'model_check';

export const OPERATION_ROLE: Record<Exclude<OperationType, 'token_count' | 'model_check'>, ModelRole> = {
  pdf_parsing: 'reasoning',
  compliance_audit: 'reasoning',
  image_generation: 'vision',
  image_edit: 'vision',
};

/** Seed model ids Google has shut down, and what replaced them. */
export const RETIRED_MODELS: Record<string, { successor: string; shut_down: string }> = {
  'gemini-3-pro-preview': { successor: DEFAULT_REASONING_MODEL, shut_down: '2026-03-09' },
  'gemini-3-pro-image-preview': { successor: DEFAULT_VISION_MODEL, shut_down: '2026-06-25' },
};

export function successorOf(model: string): string | null {
  return RETIRED_MODELS[model]?.successor ?? null;
}
