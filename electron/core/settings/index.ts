export {
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
