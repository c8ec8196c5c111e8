import type { MobiusApi, Result } from '../../../shared/ipc';
import { bridgeConfig, createBridgeApi } from './bridge-shim';
import { appMessage } from './messages';

declare global {
  interface Window {
    mobius?: MobiusApi;
  }
}

let api: MobiusApi | null = null;

/** The preload's window.mobius in Electron; otherwise the development bridge shim. */
export function mobius(): MobiusApi {
  if (api) return api;
  if (window.mobius) {
    api = window.mobius;
    return api;
  }
  const config = bridgeConfig(window.location, window.sessionStorage);
  if (!config) throw new Error('Mobius is not connected: open the URL printed by `npm run dev:web`, or start the desktop app.');
  api = createBridgeApi(config);
  // The token has been remembered; keep it out of the address bar and screenshots.
  if (/token=/.test(window.location.hash)) history.replaceState(null, '', `${window.location.pathname}#/brands`);
  return api;
}

export class IpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Unwrap a Result: the value, or an IpcError carrying the stable code and the app's wording of the message. */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new IpcError(code, appMessage(code, message, details), details);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
