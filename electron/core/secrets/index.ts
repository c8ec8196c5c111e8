export { GEMINI_ACCOUNT, GEMINI_API_KEY_ENV, SECRET_SERVICE, type SecretStore, type SecretStoreKind } from './types';
export { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, validateSecretValue } from './validate';
export { MemorySecretStore } from './memory-store';
export { EnvSecretStore } from './env-store';
export { KeytarSecretStore, keychainUnavailable, type KeytarApi, type KeytarSecretStoreOptions } from './keytar-store';
export { createSecretStore, type CreateSecretStoreOptions, type SecretStoreChoice } from './create';
export { geminiKeyStatus, resolveGeminiApiKey, type GeminiKeyStatus } from './gemini-key';
