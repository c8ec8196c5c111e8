import { MobiusError } from '../../../shared/errors';
import type { Settings } from '../../../shared/schema/settings';
import { resolveGeminiApiKey } from '../secrets/gemini-key';
import type { SecretStore } from '../secrets/types';

export const GEMINI_NOT_CONFIGURED_MESSAGE =
  'No Gemini API key is set. Add it in Mobius → Settings → Gemini API key (stored in your OS keychain), ' +
  'or for the command line run `mobius key set` or set the GEMINI_API_KEY environment variable. ' +
  'Offline features keep working without a key.';

export interface GeminiConfig {
  apiKey: string;
  /** Custom endpoint (settings or MOBIUS_GEMINI_BASE_URL); null means Google's default. */
  baseUrl: string | null;
  settings: Settings;
}

export interface RequireGeminiConfigOptions {
  settings: { get(): Settings };
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
}

/**
 * Everything a Gemini operation needs, or GEMINI_NOT_CONFIGURED when there is
 * no usable key. Only Gemini operations call this, so offline features never
 * depend on a key.
 */
export async function requireGeminiConfig(options: RequireGeminiConfigOptions): Promise<GeminiConfig> {
  const settings = options.settings.get();
  const apiKey = await resolveGeminiApiKey(options.secrets, options.env ?? process.env);
  if (!apiKey) throw new MobiusError('GEMINI_NOT_CONFIGURED', GEMINI_NOT_CONFIGURED_MESSAGE);
  return { apiKey, baseUrl: settings.gemini_base_url, settings };
}
