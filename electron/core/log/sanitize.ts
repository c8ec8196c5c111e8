import { REDACTED, isSecretFieldName, longestRegisteredSecret, redactString } from './redact';

/** Bounds that keep one log line small enough to append synchronously. */
export interface SanitizeLimits {
  /** Longer strings are cut (after redaction) and marked as truncated. */
  maxStringLength: number;
  /** Base64/data-URL strings longer than this are dropped entirely: they are images or PDFs, not diagnostics. */
  maxBlobChars: number;
  maxDepth: number;
  maxArrayItems: number;
  maxKeys: number;
  /** Values visited per log call; bounds the work for wide-and-deep payloads. */
  maxNodes: number;
  /** String characters kept per log call; later strings are dropped. */
  maxTotalChars: number;
}

interface Walk {
  seen: WeakSet<object>;
  nodes: number;
  chars: number;
}

export const DEFAULT_LIMITS: SanitizeLimits = {
  maxStringLength: 8_192,
  maxBlobChars: 4_096,
  maxDepth: 8,
  maxArrayItems: 100,
  maxKeys: 200,
  maxNodes: 2_000,
  maxTotalChars: 48_000,
};

const DATA_URL = /^data:[^,]{0,200};base64,/i;
const BASE64ISH = /^[A-Za-z0-9+/=_\-\r\n]+$/;

function omitted(bytes: number): string {
  return `[${bytes} bytes omitted]`;
}

/** Cheap check on the ends of the string so a 50 MB payload is never scanned whole. */
function looksLikeBlob(text: string): boolean {
  if (DATA_URL.test(text.slice(0, 256))) return true;
  return BASE64ISH.test(text.slice(0, 1024)) && BASE64ISH.test(text.slice(-1024)) && !/\s{2}/.test(text.slice(0, 1024));
}

export function sanitizeString(text: string, limits: SanitizeLimits = DEFAULT_LIMITS): string {
  if (text.length > limits.maxBlobChars && looksLikeBlob(text)) return omitted(text.length);
  if (text.length <= limits.maxStringLength) return redactString(text);
  // Redact a slice that reaches past the cut by more than any secret's length,
  // so a secret straddling the cut is removed before the cut can expose its prefix.
  const margin = Math.max(longestRegisteredSecret(), 64) + 16;
  const head = redactString(text.slice(0, limits.maxStringLength + margin)).slice(0, limits.maxStringLength);
  return `${head}…[${text.length - limits.maxStringLength} more chars truncated]`;
}

function isBinary(value: unknown): value is ArrayBufferView | ArrayBuffer | SharedArrayBuffer {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}

function sanitizeError(error: Error, depth: number, ctx: Walk, limits: SanitizeLimits): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: sanitizeString(error.name, limits),
    message: sanitizeString(error.message, limits),
  };
  for (const key of Object.keys(error)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    assignField(out, key, (error as unknown as Record<string, unknown>)[key], depth, ctx, limits);
  }
  if (typeof error.stack === 'string') out.stack = sanitizeString(error.stack, limits);
  if (error.cause !== undefined) out.cause = sanitizeValue(error.cause, depth + 1, ctx, limits);
  return out;
}

function assignField(
  out: Record<string, unknown>,
  rawKey: string,
  value: unknown,
  depth: number,
  ctx: Walk,
  limits: SanitizeLimits,
): void {
  if (value === undefined || typeof value === 'function') return;
  const key = sanitizeString(rawKey.length > 200 ? `${rawKey.slice(0, 200)}…` : rawKey, limits);
  // Booleans and null carry no secret (`has_key: true`) and are useful to see.
  if (isSecretFieldName(rawKey) && value !== null && typeof value !== 'boolean') {
    out[key] = REDACTED;
    return;
  }
  out[key] = sanitizeValue(value, depth + 1, ctx, limits);
}

function sanitizeValue(value: unknown, depth: number, ctx: Walk, limits: SanitizeLimits): unknown {
  if (++ctx.nodes > limits.maxNodes) return '[…]';
  switch (typeof value) {
    case 'string': {
      if (ctx.chars > limits.maxTotalChars) return `[${value.length} chars omitted]`;
      const clean = sanitizeString(value, limits);
      ctx.chars += clean.length;
      return clean;
    }
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return sanitizeString(value.toString(), limits);
    case 'function':
      return `[Function ${sanitizeString(value.name || 'anonymous', limits)}]`;
    case 'undefined':
      return null;
  }
  if (value === null) return null;
  if (isBinary(value)) return omitted(value.byteLength);
  const object = value as object;
  if (ctx.seen.has(object)) return '[Circular]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return sanitizeString(value.href, limits);
  if (value instanceof RegExp) return sanitizeString(value.toString(), limits);
  if (depth >= limits.maxDepth) return Array.isArray(value) ? `[Array(${value.length})]` : '[Object]';

  ctx.seen.add(object);
  try {
    if (value instanceof Error) return sanitizeError(value, depth, ctx, limits);
    if (Array.isArray(value) || value instanceof Set) {
      const items = [...(value as Iterable<unknown>)];
      const out = items.slice(0, limits.maxArrayItems).map((item) => sanitizeValue(item, depth + 1, ctx, limits));
      if (items.length > limits.maxArrayItems) out.push(`[${items.length - limits.maxArrayItems} more items]`);
      return out;
    }
    const entries: Array<[string, unknown]> =
      value instanceof Map
        ? [...value.entries()].map(([k, v]) => [typeof k === 'string' ? k : String(k), v])
        : Object.keys(object).map((k) => [k, (object as Record<string, unknown>)[k]]);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries.slice(0, limits.maxKeys)) assignField(out, key, item, depth, ctx, limits);
    if (entries.length > limits.maxKeys) out['…'] = `[${entries.length - limits.maxKeys} more keys]`;
    return out;
  } finally {
    ctx.seen.delete(object);
  }
}

/**
 * Turn any value into a JSON-safe value with secrets redacted, secret-named
 * fields blanked, binary and base64 blobs dropped and long strings cut.
 */
export function sanitize(value: unknown, limits: SanitizeLimits = DEFAULT_LIMITS): unknown {
  return sanitizeValue(value, 0, { seen: new WeakSet(), nodes: 0, chars: 0 }, limits);
}

/** Sanitize a field bag (keys are field names, so secret-named fields are blanked too). */
export function sanitizeFields(fields: Record<string, unknown>, limits: SanitizeLimits = DEFAULT_LIMITS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ctx: Walk = { seen: new WeakSet(), nodes: 0, chars: 0 };
  for (const key of Object.keys(fields)) assignField(out, key, fields[key], 0, ctx, limits);
  return out;
}
