import { app } from 'electron';
import type { EndpointPolicy } from '../core/gemini/endpoint';

export interface LaunchPolicy {
  /** The Vite dev server the window loads, in development only. */
  devServerUrl: string | undefined;
  /** Whether MOBIUS_GEMINI_BASE_URL may choose where the key goes. */
  endpointPolicy: EndpointPolicy;
}

/**
 * What the environment may decide at launch. A packaged app takes neither the
 * page it shows (ELECTRON_RENDERER_URL) nor the Gemini endpoint
 * (MOBIUS_GEMINI_BASE_URL) from it: launching it with either set must not
 * send the keychain key, or the window, anywhere the user did not choose.
 * Development builds and the CLI keep both overrides.
 */
export function launchPolicy(env: NodeJS.ProcessEnv = process.env): LaunchPolicy {
  const packaged = app.isPackaged;
  return {
    devServerUrl: packaged ? undefined : env['ELECTRON_RENDERER_URL'] || undefined,
    endpointPolicy: { allowEnvironment: !packaged },
  };
}
