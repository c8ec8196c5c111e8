import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../shared/schema/settings';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { deriveCompressedTwin } from '../../../shared/twin';
import { createMemoryLogger } from '../../../electron/core/log';
import { DEFAULT_RETRY_POLICY, backoffDelay, createGeminiClient, parseRetryDelay, retryWait } from '../../../electron/core/gemini';
import { DEFAULT_GUIDELINES } from '../../fakes/gemini-server';

const twin = deriveCompressedTwin(BrandGuidelines.parse(DEFAULT_GUIDELINES));
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC';

type Outcome = { kind: 'status'; status: number; retryDelay?: string } | { kind: 'network' } | { kind: 'ok' };

const RETRYABLE = [408, 429, 500, 502, 503, 504];
const FATAL = [400, 401, 403, 404];

function responseFor(outcome: Outcome): Response {
  if (outcome.kind === 'network') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  if (outcome.kind === 'ok') {
    const body = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'done', thoughtSignature: 'c2ln' }, { inlineData: { mimeType: 'image/png', data: PNG_1PX }, thoughtSignature: 'c2ln' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1130 },
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }
  const details = outcome.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: outcome.retryDelay }] : [];
  const error = { error: { code: outcome.status, message: 'scripted', status: 'X', details } };
  return new Response(JSON.stringify(error), { status: outcome.status, headers: { 'content-type': 'application/json' } });
}

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...RETRYABLE), retryDelay: fc.option(fc.integer({ min: 0, max: 59 }).map((s) => `${s}s`), { nil: undefined }) }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...FATAL) }),
  fc.constant({ kind: 'network' as const }),
  fc.constant({ kind: 'ok' as const }),
);

describe('retry policy through the real SDK (seed property 9)', () => {
  it('random failure sequences → exactly the specified requests, waits and final error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(outcomeArb, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), async (script, r) => {
        const queue = [...script];
        let requests = 0;
        const sleeps: number[] = [];
        const logger = createMemoryLogger();
        const client = createGeminiClient({
          settings: Settings.parse({}),
          apiKey: 'unit-key',
          logger,
          images: { put: (bytes) => ({ sha256: 'x'.repeat(64), uri: `mobius-asset://files/${bytes.length}` }), read: () => new Uint8Array() },
          baseUrl: 'http://gemini.invalid',
          sleep: async (ms) => void sleeps.push(ms),
          random: () => r,
          fetch: async () => {
            requests++;
            return responseFor(queue.shift() ?? { kind: 'ok' });
          },
        });
        const outcome = await client.generateImage('p', twin).then(
          () => null,
          (e: { code: string }) => e.code,
        );

        // Expected behaviour, derived from the spec rather than the implementation.
        const padded = [...script, ...Array.from({ length: 4 }, () => ({ kind: 'ok' }) as Outcome)];
        let expectedRequests = 0;
        const expectedSleeps: number[] = [];
        let expectedCode: string | null = null;
        for (let i = 0; i < 4; i++) {
          const o = padded[i]!;
          expectedRequests++;
          if (o.kind === 'ok') break;
          const retryable = o.kind === 'network' || RETRYABLE.includes(o.status);
          if (!retryable) {
            expectedCode = o.status === 404 ? 'GEMINI_MODEL_NOT_FOUND' : o.status === 400 ? 'GEMINI_INVALID_REQUEST' : 'GEMINI_AUTH';
            break;
          }
          if (i === 3) {
            expectedCode = o.kind === 'network' ? 'OFFLINE' : o.status === 429 ? 'GEMINI_RATE_LIMITED' : 'GEMINI_UNAVAILABLE';
            break;
          }
          const after = o.kind === 'status' && o.retryDelay ? Number.parseInt(o.retryDelay, 10) * 1000 : 0;
          expectedSleeps.push(Math.max(after, Math.round(1000 * 2 ** i * (0.75 + 0.5 * r))));
        }
        expect(requests).toBe(expectedRequests);
        expect(requests).toBeLessThanOrEqual(4);
        expect(sleeps).toEqual(expectedSleeps);
        expect(outcome).toBe(expectedCode);
        // Seed property 18: one line per request, failures included, with model, operation and error type.
        const calls = logger.records().filter((line) => line['event'] === 'gemini.call');
        expect(calls).toHaveLength(requests);
        for (const call of calls) {
          expect(call).toMatchObject({ model_name: 'gemini-3-pro-image', operation_type: 'image_generation' });
          expect(call['success'] === true ? call['error_type'] === null : typeof call['error_type'] === 'string').toBe(true);
        }
        expect(JSON.stringify(logger.lines)).not.toContain('unit-key');
      }),
      { numRuns: 120 },
    );
  });

  it('backoff grows strictly for any jitter and stays within ±25 % of base × 2^n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, a, b) => {
        const d = backoffDelay(n, () => a);
        const next = backoffDelay(n + 1, () => b);
        const base = DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** n;
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.75));
        expect(d).toBeLessThanOrEqual(Math.ceil(base * 1.25));
        expect(next).toBeGreaterThan(d);
      }),
    );
  });

  it('honours RetryInfo as a floor and parses Google durations', () => {
    expect(parseRetryDelay('2s')).toBe(2000);
    expect(parseRetryDelay('47.17s')).toBeCloseTo(47170);
    expect(parseRetryDelay('250ms')).toBe(250);
    expect(parseRetryDelay('soon')).toBeUndefined();
    expect(retryWait(0, () => 0.5, 2000)).toBe(2000);
    expect(retryWait(2, () => 0.5, 10)).toBe(4000);
  });
});
