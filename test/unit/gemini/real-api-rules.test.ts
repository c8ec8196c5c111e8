import { describe, expect, it } from 'vitest';
import { Settings } from '../../../shared/schema/settings';
import { classifyError } from '../../../electron/core/gemini/classify';
import { normalizeBaseUrl, resolveEndpoint } from '../../../electron/core/gemini/endpoint';
import { DEFAULT_RETRY_POLICY, attemptTimeout } from '../../../electron/core/gemini/retry';
import { MAX_ATTEMPT_TIMEOUT_MS, SERVER_CALL_CAP_MS, timeoutFor } from '../../../electron/core/gemini/timeouts';
import { withGatewayPath } from '../../../electron/core/gemini/transport';

const context = { model: 'gemini-3.1-pro-preview', operation: 'pdf_parsing' as const, timedOut: false, cancelled: false };

/** What the SDK throws for a non-2xx answer: an ApiError whose message holds the JSON body. */
function apiError(status: number, body: unknown): Error & { status: number } {
  return Object.assign(new Error(`got status: ${status}. ${JSON.stringify(body)}`), { status });
}

const quota429 = (quotaId: string) =>
  apiError(429, {
    error: {
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'You exceeded your current quota.',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests', quotaId }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '21s' },
      ],
    },
  });

describe('429: a per-minute burst is waited out, a daily or free-tier cap is not', () => {
  it.each(['GenerateRequestsPerDayPerProjectPerModel', 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'GenerateContentInputTokensPerModelPerDay-FreeTier'])(
    '%s → GEMINI_QUOTA_EXHAUSTED, not retryable, quota id in details',
    (quotaId) => {
      const classified = classifyError(quota429(quotaId), context);
      expect(classified).toMatchObject({ retryable: false, type: 'quota_exhausted', httpStatus: 429 });
      expect(classified.error.code).toBe('GEMINI_QUOTA_EXHAUSTED');
      expect(classified.error.details).toMatchObject({ quota_id: quotaId, quota_metric: 'generativelanguage.googleapis.com/generate_content_requests' });
      expect(classified.error.message).not.toMatch(/try again in a minute/i);
    },
  );

  it('a per-minute paid-tier limit stays a retryable rate limit with its RetryInfo', () => {
    const classified = classifyError(quota429('GenerateRequestsPerMinutePerProjectPerModel-PaidTier'), context);
    expect(classified).toMatchObject({ retryable: true, type: 'rate_limited', retryAfterMs: 21_000, error: { code: 'GEMINI_RATE_LIMITED' } });
  });
});

describe('the SDK’s plain upload errors', () => {
  const file = { ...context, resource: 'file' as const };

  it('an upload the server did not finalize is worth restarting', () => {
    for (const message of ['Failed to upload file: Upload status is not finalized.', 'All content has been uploaded, but the upload status is not finalized.']) {
      expect(classifyError(new Error(message), file)).toMatchObject({ retryable: true, type: 'upload_incomplete', error: { code: 'GEMINI_UNAVAILABLE' } });
    }
  });

  it('a start reply without an upload URL (a gateway that drops the header) is not, and says what to fix', () => {
    const classified = classifyError(new Error('Failed to get upload url. Server did not return the x-google-upload-url in the headers'), file);
    expect(classified).toMatchObject({ retryable: false, type: 'upload_url_missing', error: { code: 'GEMINI_INVALID_REQUEST' } });
    expect(classified.error.message).toMatch(/X-Goog-Upload-URL/);
  });

  it('other plain errors stay INTERNAL', () => {
    expect(classifyError(new Error('Can not determine mimeType.'), file)).toMatchObject({ retryable: false, error: { code: 'INTERNAL' } });
  });
});

describe('timeouts fit the real service', () => {
  const settings = Settings.parse({});

  it('thinking calls get the time the server allows; images and short requests their settings', () => {
    expect(timeoutFor('pdf_parsing', settings)).toBe(SERVER_CALL_CAP_MS + 30_000);
    expect(timeoutFor('compliance_audit', settings)).toBe(300_000);
    expect(timeoutFor('image_generation', settings)).toBe(settings.generation_timeout_ms);
    expect(timeoutFor('image_edit', settings)).toBe(settings.generation_timeout_ms);
    expect(timeoutFor('token_count', settings)).toBe(settings.request_timeout_ms);
  });

  it('no attempt waits past the server’s own cap, however many retries', () => {
    for (const base of [1_000, 120_000, 300_000, MAX_ATTEMPT_TIMEOUT_MS]) {
      for (let attempt = 0; attempt <= DEFAULT_RETRY_POLICY.maxRetries; attempt++) expect(attemptTimeout(base, attempt)).toBeLessThanOrEqual(MAX_ATTEMPT_TIMEOUT_MS);
    }
    expect(attemptTimeout(120_000, 1)).toBe(180_000);
  });
});

describe('gateways', () => {
  it('a base URL ending in an API version is not doubled by the SDK', () => {
    expect(normalizeBaseUrl('https://gw.example.com/gemini/v1beta/')).toBe('https://gw.example.com/gemini');
    expect(normalizeBaseUrl('https://gw.example.com/v1')).toBe('https://gw.example.com');
    expect(normalizeBaseUrl('https://gw.example.com/v1beta1')).toBe('https://gw.example.com/v1beta1');
    expect(resolveEndpoint('https://gw.example.com/gemini/v1beta', {}).endpoint.baseUrl).toBe('https://gw.example.com/gemini');
  });

  it('puts the gateway path back in front of the upload URL the SDK rebuilt from the origin only', () => {
    const base = 'https://gw.example.com/tenant-7/gemini';
    expect(withGatewayPath('https://gw.example.com/upload/v1beta/files?upload_id=abc&upload_protocol=resumable', base)).toBe(
      'https://gw.example.com/tenant-7/gemini/upload/v1beta/files?upload_id=abc&upload_protocol=resumable',
    );
    // Already routed (the start request, a gateway that rewrites the header), other hosts, other paths: unchanged.
    expect(withGatewayPath('https://gw.example.com/tenant-7/gemini/upload/v1beta/files', base)).toBe('https://gw.example.com/tenant-7/gemini/upload/v1beta/files');
    expect(withGatewayPath('https://other.example.com/upload/v1beta/files', base)).toBe('https://other.example.com/upload/v1beta/files');
    expect(withGatewayPath('https://gw.example.com/tenant-7/gemini/v1beta/models/x:generateContent', base)).toBe('https://gw.example.com/tenant-7/gemini/v1beta/models/x:generateContent');
    expect(withGatewayPath('https://gw.example.com/upload/v1beta/files', 'https://gw.example.com')).toBe('https://gw.example.com/upload/v1beta/files');
  });
});
