import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REDACTED,
  clearRegisteredSecrets,
  createMemoryLogger,
  isSecretFieldName,
  redactString,
  registerSecret,
  sanitize,
} from '../../../electron/core/log';

// Shaped like a Google key, so pattern redaction alone must catch it.
const PATTERN_SENTINEL = 'AIzaSyD-SENTINEL_0123456789abcdefghijkl';
// Not shaped like anything: only the registry can catch it.
const REGISTERED_SENTINEL = 'mobius-sentinel-Zq9vX3pL7wK2';

afterEach(() => clearRegisteredSecrets());

describe('redactString', () => {
  it('removes Google-shaped keys without registration', () => {
    expect(PATTERN_SENTINEL).toMatch(/^AIza[0-9A-Za-z_-]{35}$/);
    expect(redactString(`call failed with key ${PATTERN_SENTINEL}.`)).toBe(`call failed with key ${REDACTED}.`);
  });

  it('removes registered secrets, bearer tokens and key query parameters', () => {
    registerSecret(REGISTERED_SENTINEL);
    const text = `x${REGISTERED_SENTINEL}y Authorization: Bearer abc.def https://h/v1?alt=sse&key=zzz123&x=1`;
    const out = redactString(text);
    expect(out).not.toContain(REGISTERED_SENTINEL);
    expect(out).not.toContain('abc.def');
    expect(out).not.toContain('zzz123');
    expect(out).toContain('&x=1');
  });

  it('ignores values too short to redact meaningfully', () => {
    registerSecret('ab');
    expect(redactString('abc ab')).toBe('abc ab');
  });
});

describe('secret-named fields', () => {
  it('classifies field names by their last word', () => {
    for (const name of ['apiKey', 'api_key', 'gemini_api_key', 'x-goog-api-key', 'Authorization', 'accessToken', 'password', 'client_secret', 'key'])
      expect(isSecretFieldName(name), name).toBe(true);
    for (const name of ['token_count', 'input_tokens', 'has_key_source', 'keys', 'model_name', 'brand_id', 'monkey_business'])
      expect(isSecretFieldName(name), name).toBe(false);
  });

  it('blanks secret-named values but keeps booleans', () => {
    const out = sanitize({ apiKey: 'whatever', nested: { 'x-goog-api-key': 42, has_key: true }, token_count: 12 });
    expect(out).toEqual({ apiKey: REDACTED, nested: { 'x-goog-api-key': REDACTED, has_key: true }, token_count: 12 });
  });
});

describe('sanitize', () => {
  it('serializes errors with causes, codes and redacted stacks', () => {
    registerSecret(REGISTERED_SENTINEL);
    const cause = new Error(`inner ${REGISTERED_SENTINEL}`);
    const error = Object.assign(new Error(`outer ${PATTERN_SENTINEL}`, { cause }), { code: 'E_X', status: 401 });
    const out = sanitize(error) as Record<string, unknown>;
    expect(out).toMatchObject({ name: 'Error', message: `outer ${REDACTED}`, code: 'E_X', status: 401 });
    expect((out.cause as Record<string, unknown>).message).toBe(`inner ${REDACTED}`);
    expect(String(out.stack)).not.toContain('AIza');
  });

  it('drops binary and base64 blobs and truncates long strings', () => {
    const base64 = Buffer.alloc(30_000, 7).toString('base64');
    const out = sanitize({
      bytes: new Uint8Array(10_000),
      buffer: Buffer.alloc(5),
      image: base64,
      dataUrl: `data:image/png;base64,${base64}`,
      text: 'word '.repeat(10_000),
      short: 'aGVsbG8=',
    }) as Record<string, string>;
    expect(out.bytes).toBe('[10000 bytes omitted]');
    expect(out.buffer).toBe('[5 bytes omitted]');
    expect(out.image).toBe(`[${base64.length} bytes omitted]`);
    expect(out.dataUrl).toMatch(/^\[\d+ bytes omitted\]$/);
    expect(out.text!.length).toBeLessThan(8_300);
    expect(out.text).toMatch(/more chars truncated\]$/);
    expect(out.short).toBe('aGVsbG8=');
  });

  it('does not leak a secret that straddles the truncation point', () => {
    registerSecret(REGISTERED_SENTINEL);
    for (let offset = 8_192 - REGISTERED_SENTINEL.length - 2; offset < 8_192 + 2; offset++) {
      const text = 'x '.repeat(offset / 2) + (offset % 2 ? 'x' : '') + REGISTERED_SENTINEL + ' tail'.repeat(100);
      const out = JSON.stringify(sanitize(text));
      expect(out).not.toContain(REGISTERED_SENTINEL.slice(0, 12));
    }
  });

  it('bounds the work and the line for wide, deep payloads', () => {
    // Shared children: 50^5 leaves logically, a few kilobytes in memory.
    const wide = (depth: number): unknown => (depth === 0 ? 'y'.repeat(5_000) : new Array(50).fill(wide(depth - 1)));
    const logger = createMemoryLogger();
    logger.info('huge', { payload: wide(5) });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.length).toBeLessThan(64 * 1024);
    expect(logger.records()[0]).toMatchObject({ event: 'huge' });
  });

  it('handles cycles, maps, sets, dates, bigints and deep nesting', () => {
    const a: Record<string, unknown> = { when: new Date(0), big: 10n, map: new Map([['k1', 1]]), set: new Set([1, 2]) };
    a.self = a;
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { deep };
    a.deep = deep;
    const out = sanitize(a) as Record<string, unknown>;
    expect(out).toMatchObject({ when: '1970-01-01T00:00:00.000Z', big: '10', map: { k1: 1 }, set: [1, 2], self: '[Circular]' });
    expect(JSON.stringify(out)).toContain('[Object]');
  });
});

/** Random JSON-ish values with the sentinel planted in strings, keys and error messages. */
function withSentinel(sentinel: string): fc.Arbitrary<unknown> {
  const planted = fc
    .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
    .map(([before, after]) => `${before}${sentinel}${after}`);
  const leaf = fc.oneof(planted, fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), planted), tie('tree'), { maxKeys: 4 }),
      fc.tuple(planted, tie('tree')).map(([message, cause]) => new Error(message, { cause })),
      planted.map((text) => ({ apiKey: text, headers: { Authorization: `Bearer ${text}` } })),
    ),
  }));
  return fc.tuple(tree, planted).map(([value, extra]) => ({ value, extra }));
}

describe('no sentinel ever reaches a log line (property)', () => {
  it('catches a registered secret anywhere in the fields', () => {
    registerSecret(REGISTERED_SENTINEL);
    const logger = createMemoryLogger();
    fc.assert(
      fc.property(withSentinel(REGISTERED_SENTINEL), fc.string({ maxLength: 10 }), (fields, event) => {
        logger.clear();
        logger.error(`${event}${REGISTERED_SENTINEL}`, fields as Record<string, unknown>);
        logger.child({ ctx: fields }).warn('nested', { again: fields });
        for (const line of logger.lines) expect(line).not.toContain(REGISTERED_SENTINEL);
      }),
      { numRuns: 200 },
    );
  });

  it('catches an unregistered Google-shaped key anywhere in the fields', () => {
    const logger = createMemoryLogger();
    fc.assert(
      fc.property(withSentinel(PATTERN_SENTINEL), (fields) => {
        logger.clear();
        logger.info('event', fields as Record<string, unknown>);
        expect(logger.lines.join('\n')).not.toContain(PATTERN_SENTINEL);
      }),
      { numRuns: 200 },
    );
  });
});
