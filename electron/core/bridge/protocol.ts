import type { Result } from '../../../shared/ipc';

/** Renderer → bridge: one operation call. */
export interface BridgeRequest {
  id: number;
  op: string;
  request: unknown;
}

/** Bridge → renderer: the answer to a call, or an event. */
export type BridgeMessage = { id: number; result: Result<unknown> } | { event: string; payload: unknown };

export const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;
