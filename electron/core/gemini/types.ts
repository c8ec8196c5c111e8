import type { EditSession } from './session';
import type { ModelRole } from './models';

export interface ModelHandle {
  role: ModelRole;
  model: string;
}

/** What every operation accepts from its caller. */
export interface CallOptions {
  signal?: AbortSignal;
  brandId?: string | null;
}

export interface ReferenceImage {
  bytes: Uint8Array;
  mime: string;
}

export interface CallCost {
  tokens: number;
  usd: number;
}

export interface GeneratedImage {
  image_uri: string;
  sha256: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: Uint8Array;
  /** The model's non-thought text, if any. */
  text: string;
  model: string;
  /** Persist this verbatim (e.g. in the job's state) to continue with editImage. */
  session: EditSession;
  cost: CallCost;
  request_id: string;
}
