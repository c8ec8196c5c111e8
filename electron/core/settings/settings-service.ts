import { MobiusError } from '../../../shared/errors';
import { Settings, type SettingsPatch } from '../../../shared/schema/settings';
import { DEFAULT_ENDPOINT_POLICY, GEMINI_BASE_URL_ENV, endpointHost, resolveEndpoint, type EndpointPolicy, type GeminiEndpoint } from '../gemini/endpoint';
import type { Logger } from '../log';
import { nullLogger, redactString } from '../log';
import { describeIssues, formatIssues } from './issues';

/** Raw persistence; `store.settings` (SettingsRepository) implements it. `undefined` in setMany deletes a key. */
export interface SettingsStoragePort {
  getAll(): Record<string, unknown>;
  setMany(values: Record<string, unknown>): void;
}

export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];

export function defaultSettings(): Settings {
  return structuredClone(Settings.parse({}));
}

export interface SettingsWarning {
  key: string;
  message: string;
}

export interface LoadedSettings {
  settings: Settings;
  /** Stored values that no longer validate (and fell back to their defaults), bad env overrides. */
  warnings: SettingsWarning[];
  /** Keys whose value comes from the environment rather than the database. */
  overrides: SettingKey[];
  /** Where Gemini requests go (`settings.gemini_base_url` is its base URL). */
  endpoint: GeminiEndpoint;
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key);
}

function fieldSchema(key: SettingKey) {
  return Settings.shape[key];
}

export interface SettingsServiceOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Whether MOBIUS_GEMINI_BASE_URL may override the saved endpoint (see gemini/endpoint.ts). */
  endpointPolicy?: EndpointPolicy;
}

/**
 * Settings = stored values over schema defaults. Reading never fails: a value
 * edited by hand into something invalid falls back to its default and is
 * reported as a warning. Writing validates everything first and writes nothing
 * on failure.
 */
export class SettingsService {
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly endpointPolicy: EndpointPolicy;
  private lastWarnings: SettingsWarning[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly storage: SettingsStoragePort,
    options: SettingsServiceOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.logger = options.logger ?? nullLogger;
    this.endpointPolicy = options.endpointPolicy ?? DEFAULT_ENDPOINT_POLICY;
  }

  /** Stored values merged over defaults, without environment overrides (the base for updates). */
  private loadStored(): { settings: Settings; warnings: SettingsWarning[] } {
    const stored = this.storage.getAll();
    const defaults = defaultSettings();
    const settings = { ...defaults } as Record<SettingKey, unknown>;
    const warnings: SettingsWarning[] = [];
    for (const key of SETTING_KEYS) {
      if (!Object.hasOwn(stored, key) || stored[key] === undefined) continue;
      const parsed = fieldSchema(key).safeParse(stored[key]);
      if (parsed.success) {
        settings[key] = parsed.data;
        continue;
      }
      const rule = describeIssues(parsed.error.issues)[0]?.message ?? 'invalid value';
      warnings.push({
        key,
        message:
          `The saved value of ${key} is not valid: ${rule.replace(/\.$/, '')}. ` +
          `Mobius is using the default (${JSON.stringify(defaults[key])}) until a new value is saved.`,
      });
    }
    return { settings: settings as Settings, warnings };
  }

  load(): LoadedSettings {
    const { settings, warnings } = this.loadStored();
    const { endpoint, warning } = resolveEndpoint(settings.gemini_base_url, this.env, this.endpointPolicy);
    settings.gemini_base_url = endpoint.baseUrl;
    const overrides: SettingKey[] = endpoint.source === 'environment' ? ['gemini_base_url'] : [];
    if (warning) warnings.push({ key: 'gemini_base_url', message: warning });
    this.lastWarnings = warnings;
    for (const warning of warnings) {
      if (this.reported.has(warning.message)) continue;
      this.reported.add(warning.message);
      this.logger.warn('settings_invalid_value', { key: warning.key, message: warning.message });
    }
    if (endpoint.source === 'environment' && !this.reported.has(`env:${endpoint.baseUrl}`)) {
      this.reported.add(`env:${endpoint.baseUrl}`);
      // Host only: a gateway path can carry an account or tenant id.
      this.logger.info('gemini_endpoint_override', {
        variable: GEMINI_BASE_URL_ENV,
        host: endpointHost(endpoint.baseUrl),
        note: 'Environment override for development and the CLI; the packaged app ignores it and uses the endpoint saved in Settings.',
      });
    }
    return { settings, warnings, overrides, endpoint };
  }

  get(): Settings {
    return this.load().settings;
  }

  /** The Gemini endpoint every Gemini caller uses (one precedence: gemini/endpoint.ts). */
  endpoint(): GeminiEndpoint {
    return this.load().endpoint;
  }

  /** Warnings from the most recent read. */
  get warnings(): readonly SettingsWarning[] {
    return this.lastWarnings;
  }

  /**
   * Validate `patch` merged over the current values and persist the patched
   * keys. Throws VALIDATION listing every bad field; nothing is written then.
   */
  update(patch: SettingsPatch): Settings {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new MobiusError('VALIDATION', 'Settings not saved. Expected a set of setting names and values.', { issues: [] });
    }
    const provided = Object.entries(patch).filter(([, value]) => value !== undefined);
    const { settings: base } = this.loadStored();
    const parsed = Settings.strict().safeParse({ ...base, ...Object.fromEntries(provided) });
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      throw new MobiusError('VALIDATION', formatIssues(issues), { issues });
    }
    const values: Record<string, unknown> = {};
    for (const [key] of provided) values[key] = parsed.data[key as SettingKey];
    const leaking = Object.keys(values).filter((key) => containsSecret(values[key]));
    if (leaking.length > 0) {
      // A key pasted into the wrong field would otherwise land in the database in clear text.
      const issues = leaking.map((field) => ({
        field,
        code: 'looks_like_secret',
        message: 'looks like it contains an API key. API keys are stored in the OS keychain, never in settings',
      }));
      throw new MobiusError('VALIDATION', formatIssues(issues), { issues });
    }
    if (provided.length > 0) this.storage.setMany(values);
    this.logger.info('settings_updated', { keys: Object.keys(values) });
    if ('gemini_base_url' in values && values['gemini_base_url'] !== base.gemini_base_url) {
      // Where the key goes next: host only (a gateway path can carry an account or tenant id).
      this.logger.info('gemini_endpoint_changed', { from_host: endpointHost(base.gemini_base_url), to_host: endpointHost(values['gemini_base_url'] as string | null) });
    }
    return this.get();
  }

  /** Forget stored values so the defaults apply again; all keys when none are given. */
  reset(keys: readonly SettingKey[] = SETTING_KEYS): Settings {
    const unknown = keys.filter((key) => !isSettingKey(key));
    if (unknown.length > 0) {
      const issues = [{ field: '', code: 'unrecognized_keys', message: `${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length === 1 ? 'is not a setting' : 'are not settings'} Mobius knows` }];
      throw new MobiusError('VALIDATION', formatIssues(issues), { issues });
    }
    this.storage.setMany(Object.fromEntries(keys.map((key) => [key, undefined])));
    this.logger.info('settings_reset', { keys: [...keys] });
    return this.get();
  }
}

function containsSecret(value: unknown): boolean {
  if (typeof value === 'string') return redactString(value) !== value;
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => containsSecret(k) || containsSecret(v));
  return false;
}

/**
 * Turn command-line text into the value a setting expects (`0.9` → 0.9,
 * `none` → null for the base URL, JSON for prices). Validation still happens in update().
 */
export function parseSettingInput(key: SettingKey, raw: string): unknown {
  const text = raw.trim();
  const sample = defaultSettings()[key];
  if (key === 'gemini_base_url') return text === '' || /^(none|null|default)$/i.test(text) ? null : text;
  if (typeof sample === 'number') return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (typeof sample === 'object' && sample !== null) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
