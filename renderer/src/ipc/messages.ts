/**
 * The app's wording for errors whose fix is somewhere in the app: core says
 * what went wrong (code, message, details); the app says where to fix it
 * (docs/ARCHITECTURE.md, "Errors"). Plain code: no zod, no IPC.
 */
export function appMessage(code: string, message: string, details?: Record<string, unknown>): string {
  switch (code) {
    case 'GEMINI_NOT_CONFIGURED':
      return 'No Gemini API key is set. Add it in Settings → Gemini API key (it is stored in your OS keychain). Offline features keep working without a key.';
    case 'GEMINI_AUTH':
      return details?.['reason'] === 'API_KEY_INVALID' || details?.['http_status'] === 400 ? `${message} Paste a valid key in Settings → Gemini API key.` : message;
    case 'GEMINI_QUOTA_EXHAUSTED':
      return `${message} Daily quotas reset at midnight Pacific time; for more, enable billing for the key's Google Cloud project or add a key from a paid project in Settings → Gemini API key.`;
    case 'GEMINI_MODEL_NOT_FOUND':
      return typeof details?.['successor'] === 'string' ? `${message} Switch to it in Settings.` : `${message} Check the model name in Settings.`;
    case 'VALIDATION':
      if (details?.['reason'] === 'stale_version') return `${message} Reload the brand and make your edit again.`;
      if (details?.['reason'] === 'no_dialog') return `${message} Drop the file onto the window instead.`;
      return message;
    default:
      return message;
  }
}
