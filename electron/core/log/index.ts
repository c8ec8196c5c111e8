export {
  createLogger,
  createMemoryLogger,
  formatLine,
  isLogLevel,
  nullLogger,
  LOG_LEVELS,
  type FileLoggerOptions,
  type LogFields,
  type Logger,
  type LogLevel,
  type MemoryLogger,
} from './logger';
export {
  REDACTED,
  clearRegisteredSecrets,
  isSecretFieldName,
  redactString,
  registerSecret,
  registeredSecretCount,
} from './redact';
export { DEFAULT_LIMITS, sanitize, sanitizeFields, sanitizeString, type SanitizeLimits } from './sanitize';
