import type { MobiusError } from '../../../shared/errors';

/**
 * The CLI's wording for errors whose fix is a command (core says what went
 * wrong; the app and the CLI say where to fix it — docs/ARCHITECTURE.md, "Errors").
 */
export function cliMessage(error: MobiusError): string {
  switch (error.code) {
    case 'GEMINI_NOT_CONFIGURED':
      return 'No Gemini API key is set. Run `mobius key set` (stored in the system keychain) or set the GEMINI_API_KEY environment variable. Offline features keep working without a key.';
    case 'GEMINI_AUTH':
      return error.details?.['reason'] === 'API_KEY_INVALID' || error.details?.['http_status'] === 400
        ? `${error.message} Store a valid key with \`mobius key set\` (or GEMINI_API_KEY).`
        : error.message;
    case 'GEMINI_QUOTA_EXHAUSTED':
      return `${error.message} Daily quotas reset at midnight Pacific time; for more, enable billing for the key's Google Cloud project or store a key from a paid project with \`mobius key set\`.`;
    case 'GEMINI_MODEL_NOT_FOUND': {
      const successor = error.details?.['successor'];
      const model = typeof successor === 'string' ? successor : '<model>';
      return `${error.message} Change it with \`mobius settings set reasoning_model=${model}\` (PDFs, audits) or \`vision_model=${model}\` (images).`;
    }
    case 'OFFLINE':
      return `${error.message} The endpoint is the gemini_base_url setting, or MOBIUS_GEMINI_BASE_URL.`;
    default:
      return error.message;
  }
}

