import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/types';
import type { SettingsService } from '../settings/settings-service';
import { requireGeminiConfig, type GeminiConfig, type ModelAccess } from './access';
import { createGeminiClient, type GeminiClient } from './client';
import type { ImageSink } from './image-sink';
import type { ModelCheck } from './operations/check-models';

/** What the Gemini service needs to know about reachability (the core's network monitor). */
export interface Reachability {
  /** Last known state, without probing. */
  current(): { online: boolean };
  /** Probe now. */
  check(): Promise<{ online: boolean }>;
}

export interface GeminiServiceOptions {
  settings: Pick<SettingsService, 'load'>;
  secrets: () => Promise<SecretStore>;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  images: ImageSink;
  network: Reachability;
  /** Trust the monitor's last known state (the app watches continuously); otherwise assume online and let requests say otherwise (CLI). */
  watchingNetwork: boolean;
}

/**
 * The one way core code gets a Gemini client: settings, key and endpoint
 * resolved in one place (requireGeminiConfig → gemini/endpoint.ts).
 * `client()` is for operations that need Gemini; `access()` for work that
 * degrades gracefully without it (ingest refinement, audits).
 */
export class GeminiService {
  constructor(private readonly o: GeminiServiceOptions) {}

  /** Key, endpoint and settings, or GEMINI_NOT_CONFIGURED. */
  async config(): Promise<GeminiConfig> {
    return requireGeminiConfig({ settings: this.o.settings, secrets: await this.o.secrets(), env: this.o.env });
  }

  /** A client for an operation that needs Gemini; throws GEMINI_NOT_CONFIGURED without a key. */
  async client(): Promise<GeminiClient> {
    const config = await this.config();
    return createGeminiClient({ settings: config.settings, apiKey: config.apiKey, baseUrl: config.baseUrl, logger: this.o.logger, images: this.o.images });
  }

  /**
   * A client when Gemini is usable right now, else why not. An unreadable
   * keychain counts as "no key" here (logged): an audit or an import never
   * fails because the key cannot be read.
   */
  async access(): Promise<ModelAccess> {
    if (this.o.watchingNetwork && !this.o.network.current().online) return { client: null, reason: 'OFFLINE' };
    try {
      return { client: await this.client() };
    } catch (error) {
      const code = isMobiusError(error) ? error.code : 'INTERNAL';
      if (code !== 'GEMINI_NOT_CONFIGURED') this.o.logger.warn('gemini.key_unavailable', { code });
      return { client: null, reason: 'GEMINI_NOT_CONFIGURED' };
    }
  }

  /** Whether the configured models exist (needs a key and the network). */
  async checkModels(): Promise<ModelCheck[]> {
    const client = await this.client();
    if (!(await this.o.network.check()).online) throw new MobiusError('OFFLINE', 'Mobius cannot reach Gemini right now. Check the connection and try again.', { reason: 'unreachable' });
    return client.checkModels();
  }
}
