import { MobiusError } from '../../../shared/errors';
import type { Settings } from '../../../shared/schema/settings';
import { resolveGeminiApiKey } from '../secrets/gemini-key';
import type { SecretStore } from '../secrets/types';
import type { GeminiClient } from './client';
import type { GeminiEndpoint } from './endpoint';

/** Core's words for a missing key; the app and the CLI say where to set one (docs/ARCHITECTURE.md, "Errors"). */
export const GEMINI_NOT_CONFIGURED_MESSAGE = 'No Gemini API key is set. Offline features keep working without one.';

export function notConfigured(): MobiusError {
  return new MobiusError('GEMINI_NOT_CONFIGURED', GEMINI_NOT_CONFIGURED_MESSAGE, { reason: 'no_api_key' });
}

export interface GeminiConfig {
  apiKey: string;
  /** From the one endpoint resolver (gemini/endpoint.ts); null means Google's default. */
  baseUrl: string | null;
  settings: Settings;
}

export interface RequireGeminiConfigOptions {
  settings: { load(): { settings: Settings; endpoint: GeminiEndpoint } };
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
}

/**
 * Everything a Gemini operation needs, or GEMINI_NOT_CONFIGURED when there is
 * no usable key (correctness property 21, docs/ARCHITECTURE.md). Only Gemini
 * operations call this, so offline features never depend on a key.
 */
export async function requireGeminiConfig(options: RequireGeminiConfigOptions): Promise<GeminiConfig> {
  const { settings, endpoint } = options.settings.load();
  const apiKey = await resolveGeminiApiKey(options.secrets, options.env ?? process.env);
  if (!apiKey) throw notConfigured();
  return { apiKey, baseUrl: endpoint.baseUrl, settings };
}

/** Why work that can go without Gemini went without it. */
export type ModelUnavailable = 'OFFLINE' | 'GEMINI_NOT_CONFIGURED';
/** A client for work that degrades without Gemini, or why there is none. */
export type ModelAccess<C = GeminiClient> = { client: C } | { client: null; reason: ModelUnavailable };
