import type { ModelCheckResult, ParsedRequest, SettingsView } from '../../../shared/ipc';
import type { GeminiService } from '../gemini/service';
import type { SettingsService } from '../settings';

export interface ConfigurationServiceOptions {
  settings: SettingsService;
  gemini: Pick<GeminiService, 'checkModels'>;
  /** Running work that must see new values (the job runner). */
  onChange: () => Promise<void>;
}

/** The `settings.*` operations: settings with warnings about invalid saved values, validated updates, the model check. */
export class ConfigurationService {
  constructor(private readonly o: ConfigurationServiceOptions) {}

  async get(): Promise<SettingsView> {
    const loaded = this.o.settings.load();
    return { settings: loaded.settings, warnings: loaded.warnings.map((w) => ({ key: w.key, message: w.message })) };
  }

  /** Validated as a whole; nothing is saved on error. */
  async update(patch: ParsedRequest<'settings.update'>): Promise<SettingsView> {
    this.o.settings.update(patch);
    await this.o.onChange();
    return this.get();
  }

  async checkModels(): Promise<ModelCheckResult[]> {
    return this.o.gemini.checkModels();
  }
}
