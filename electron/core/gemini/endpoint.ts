import { geminiBaseUrlProblem } from '../../../shared/schema/settings';

/** Google's Gemini API endpoint: what the SDK uses when no base URL is given. */
export const GOOGLE_GEMINI_ENDPOINT = 'https://generativelanguage.googleapis.com';
/** Points one run at a gateway, a proxy or the fake Gemini server; never saved. */
export const GEMINI_BASE_URL_ENV = 'MOBIUS_GEMINI_BASE_URL';
/** How long a reachability probe waits for any answer. */
export const PROBE_TIMEOUT_MS = 4_000;

export interface GeminiEndpoint {
  /** For the SDK's `httpOptions.baseUrl`: null = the SDK's own default (Google). No trailing slash. */
  baseUrl: string | null;
  /** The URL reachability is probed at (Google's endpoint when `baseUrl` is null). */
  url: string;
  source: 'environment' | 'settings' | 'default';
}

/**
 * Where the endpoint may come from. The development default accepts the
 * environment; a packaged app can refuse it so only the user's saved setting
 * counts (see docs/ARCHITECTURE.md, "Gemini endpoint").
 */
export interface EndpointPolicy {
  allowEnvironment: boolean;
}
export const DEFAULT_ENDPOINT_POLICY: EndpointPolicy = { allowEnvironment: true };

export interface EndpointResolution {
  endpoint: GeminiEndpoint;
  /** Set when an environment value was ignored. */
  warning: string | null;
}

/**
 * The base URL as the SDK wants it: no trailing slash and no API version —
 * the SDK appends `/v1beta` itself, so `https://gw.example/v1beta` would
 * otherwise become `…/v1beta/v1beta/models/…`.
 */
export function normalizeBaseUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/(v1beta|v1alpha|v1)$/i, '')
    .replace(/\/+$/, '');
}

/** The host an endpoint sends the key to, for log lines (never the full URL: a gateway path may carry a tenant id). */
export function endpointHost(url: string | null): string {
  if (!url) return new URL(GOOGLE_GEMINI_ENDPOINT).host;
  try {
    return new URL(url).host;
  } catch {
    return '(invalid)';
  }
}

/**
 * The one precedence for the Gemini endpoint, used by every Gemini caller:
 * 1. `MOBIUS_GEMINI_BASE_URL` (when the policy allows the environment; an
 *    invalid value is ignored with a warning),
 * 2. the `gemini_base_url` setting,
 * 3. Google's endpoint.
 */
export function resolveEndpoint(
  stored: string | null,
  env: Record<string, string | undefined>,
  policy: EndpointPolicy = DEFAULT_ENDPOINT_POLICY,
): EndpointResolution {
  let warning: string | null = null;
  const fromEnv = env[GEMINI_BASE_URL_ENV]?.trim();
  if (fromEnv && !policy.allowEnvironment) {
    warning = `${GEMINI_BASE_URL_ENV} is set but ignored: this app sends the API key only to the endpoint saved in Settings.`;
  } else if (fromEnv) {
    const problem = geminiBaseUrlProblem(fromEnv);
    if (!problem) {
      const baseUrl = normalizeBaseUrl(fromEnv);
      return { endpoint: { baseUrl, url: baseUrl, source: 'environment' }, warning };
    }
    warning = `${GEMINI_BASE_URL_ENV} is set but ignored: ${problem.replace(/^gemini_base_url /, 'it ')}.`;
  }
  const saved = stored?.trim();
  if (saved) {
    const baseUrl = normalizeBaseUrl(saved);
    return { endpoint: { baseUrl, url: baseUrl, source: 'settings' }, warning };
  }
  return { endpoint: { baseUrl: null, url: GOOGLE_GEMINI_ENDPOINT, source: 'default' }, warning };
}

/** The one reachability probe: online when the endpoint answers anything at all (any HTTP status); a timeout or DNS failure is offline. */
export async function probeEndpoint(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
