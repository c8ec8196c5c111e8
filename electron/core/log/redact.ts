// Redaction runs on every value BEFORE it is serialized anywhere (log files,
// console, captured test lines). It is deliberately paranoid: a secret that
// reaches disk cannot be taken back.

export const REDACTED = '[REDACTED]';

/** Google API keys have this shape; redacted even when nobody registered them. */
const GOOGLE_API_KEY = /AIza[0-9A-Za-z_-]{35}/g;
/** `Authorization: Bearer …` values and `?key=…` style query parameters. */
const BEARER = /\b(Bearer\s+)[^\s"'<>]+/gi;
const QUERY_SECRET = /([?&](?:key|api_key|apikey|access_token|token)=)[^&\s"'<>#]+/gi;

/** Last word of a field name that marks its value as secret (`apiKey`, `x-goog-api-key`, `access_token`, `password`). */
const SECRET_WORDS = new Set(['key', 'apikey', 'token', 'secret', 'password', 'passwd', 'authorization', 'credential', 'credentials', 'cookie']);

/** Shortest value worth registering: redacting a 2-letter string would shred every log line. */
const MIN_SECRET_LENGTH = 6;
const MAX_SECRET_LENGTH = 4096;

const registry = new Set<string>();
let longestSecret = 0;

/**
 * Remember a secret so every later log line has it replaced by [REDACTED],
 * wherever it hides (messages, stacks, nested fields, object keys).
 */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  for (const candidate of new Set([value, trimmed])) {
    if (candidate.length < MIN_SECRET_LENGTH || candidate.length > MAX_SECRET_LENGTH) continue;
    registry.add(candidate);
    // JSON-escaped form, in case a secret with quotes/backslashes is matched after serialization.
    const escaped = JSON.stringify(candidate).slice(1, -1);
    if (escaped !== candidate) registry.add(escaped);
  }
  longestSecret = Math.max(0, ...[...registry].map((s) => s.length));
}

/** For tests only: forget every registered secret. */
export function clearRegisteredSecrets(): void {
  registry.clear();
  longestSecret = 0;
}

export function registeredSecretCount(): number {
  return registry.size;
}

/** Longest registered secret, so truncation can keep a safe margin. */
export function longestRegisteredSecret(): number {
  return longestSecret;
}

/** Replace registered secrets and anything shaped like a credential inside a string. */
export function redactString(text: string): string {
  let out = text;
  if (registry.size > 0) {
    // Longest first so a secret that contains another is removed whole.
    const secrets = [...registry].sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
  }
  if (out.includes('AIza')) out = out.replace(GOOGLE_API_KEY, REDACTED);
  out = out.replace(BEARER, `$1${REDACTED}`);
  out = out.replace(QUERY_SECRET, `$1${REDACTED}`);
  return out;
}

/** Split `xGoogApiKey`, `x-goog-api-key`, `access_token` into lowercase words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True for field names whose values must never be logged (`apiKey`, `gemini_api_key`, `Authorization`). */
export function isSecretFieldName(name: string): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1];
  if (last === undefined) return false;
  // Only the last word counts: `token_count`, `key_source` and `input_tokens` are safe to log.
  return SECRET_WORDS.has(last);
}
