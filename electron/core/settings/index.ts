export {
  GEMINI_BASE_URL_ENV,
  SETTING_KEYS,
  SettingsService,
  defaultSettings,
  isSettingKey,
  parseSettingInput,
  type LoadedSettings,
  type SettingKey,
  type SettingsServiceOptions,
  type SettingsStoragePort,
  type SettingsWarning,
} from './settings-service';
export { describeIssues, formatIssues, type SettingsIssue } from './issues';
export {
  GEMINI_NOT_CONFIGURED_MESSAGE,
  requireGeminiConfig,
  type GeminiConfig,
  type RequireGeminiConfigOptions,
} from './gemini-config';
