import type { KeyStatus, ParsedRequest } from '../../../shared/ipc';
import { GEMINI_ACCOUNT, geminiKeyStatus, validateSecretValue, type SecretStore } from '../secrets';

export interface KeyServiceOptions {
  secrets: () => Promise<SecretStore>;
  env: NodeJS.ProcessEnv;
  /** Work that depends on the key (the job runner). */
  onChange: () => Promise<void>;
}

/** The `secrets.*` operations: whether a Gemini API key is set and where from — never the key itself. */
export class KeyService {
  constructor(private readonly o: KeyServiceOptions) {}

  async has(): Promise<KeyStatus> {
    return geminiKeyStatus(await this.o.secrets(), this.o.env);
  }

  async set({ value }: ParsedRequest<'secrets.set'>): Promise<KeyStatus> {
    await (await this.o.secrets()).set(GEMINI_ACCOUNT, validateSecretValue(GEMINI_ACCOUNT, value));
    await this.o.onChange();
    return this.has();
  }

  async clear(): Promise<KeyStatus> {
    await (await this.o.secrets()).delete(GEMINI_ACCOUNT);
    await this.o.onChange();
    return this.has();
  }
}
