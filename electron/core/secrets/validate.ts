import { MobiusError } from '../../../shared/errors';
import { GEMINI_ACCOUNT } from './types';

export const MIN_SECRET_LENGTH = 10;
export const MAX_SECRET_LENGTH = 512;

function label(account: string): string {
  return account === GEMINI_ACCOUNT ? 'The Gemini API key' : `The secret "${account}"`;
}

const HINT = 'Copy the key again from Google AI Studio (https://aistudio.google.com/apikey) and paste only the key.';

/**
 * Returns the value without surrounding whitespace (pasted keys often carry a
 * trailing newline) or throws VALIDATION. Messages describe the problem, never the value.
 */
export function validateSecretValue(account: string, value: unknown): string {
  const what = label(account);
  if (typeof value !== 'string') throw new MobiusError('VALIDATION', `${what} must be text.`, { account });
  const trimmed = value.trim();
  const details = { account, length: trimmed.length };
  if (trimmed.length === 0) throw new MobiusError('VALIDATION', `${what} is empty. ${HINT}`, details);
  if (/\s/.test(trimmed))
    throw new MobiusError('VALIDATION', `${what} contains spaces or line breaks, so it cannot be a valid key. ${HINT}`, details);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\uffff]/.test(trimmed))
    throw new MobiusError('VALIDATION', `${what} contains characters that API keys never contain. ${HINT}`, details);
  if (trimmed.length < MIN_SECRET_LENGTH)
    throw new MobiusError('VALIDATION', `${what} is too short (${trimmed.length} characters); Gemini keys are about 39 characters. ${HINT}`, details);
  if (trimmed.length > MAX_SECRET_LENGTH)
    throw new MobiusError('VALIDATION', `${what} is too long (${trimmed.length} characters); Gemini keys are about 39 characters. ${HINT}`, details);
  return trimmed;
}
