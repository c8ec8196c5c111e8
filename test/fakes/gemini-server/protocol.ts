// Wire-format helpers for the fake: the request shapes Google's parser accepts
// (camelCase and snake_case) and the error bodies the real API returns.

export interface WirePart {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
  thought?: boolean;
  thoughtSignature?: string;
}

export interface WireContent {
  role?: string;
  parts?: WirePart[];
}

export interface WireRequest {
  contents?: WireContent[];
  systemInstruction?: WireContent;
  generationConfig?: {
    temperature?: number;
    responseMimeType?: string;
    responseJsonSchema?: unknown;
    responseSchema?: unknown;
    responseModalities?: string[];
    imageConfig?: { aspectRatio?: string; imageSize?: string };
    thinkingConfig?: { thinkingLevel?: string; thinkingBudget?: number; includeThoughts?: boolean };
    mediaResolution?: string;
  };
  safetySettings?: unknown[];
  tools?: unknown[];
}

const SNAKE_TO_CAMEL: Record<string, string> = {
  system_instruction: 'systemInstruction',
  generation_config: 'generationConfig',
  inline_data: 'inlineData',
  mime_type: 'mimeType',
  file_data: 'fileData',
  file_uri: 'fileUri',
  thought_signature: 'thoughtSignature',
  response_mime_type: 'responseMimeType',
  response_json_schema: 'responseJsonSchema',
  response_schema: 'responseSchema',
  response_modalities: 'responseModalities',
  image_config: 'imageConfig',
  aspect_ratio: 'aspectRatio',
  image_size: 'imageSize',
  thinking_config: 'thinkingConfig',
  thinking_level: 'thinkingLevel',
  thinking_budget: 'thinkingBudget',
  include_thoughts: 'includeThoughts',
  media_resolution: 'mediaResolution',
  safety_settings: 'safetySettings',
  max_output_tokens: 'maxOutputTokens',
  candidate_count: 'candidateCount',
};

/** Schemas are user data: their property names (e.g. `usage_weight`) must not be renamed. */
const OPAQUE = new Set(['responseJsonSchema', 'responseSchema']);

/** Rename snake_case protocol fields to camelCase, leaving schema payloads untouched. */
export function normalizeRequest(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeRequest);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = SNAKE_TO_CAMEL[key] ?? key;
    out[name] = OPAQUE.has(name) ? inner : normalizeRequest(inner);
  }
  return out;
}

export type ApiStatus =
  | 'INVALID_ARGUMENT'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'FAILED_PRECONDITION';

export const STATUS_CODES: Record<ApiStatus, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

export function errorBody(status: ApiStatus, message: string, details: unknown[] = [], code = STATUS_CODES[status]) {
  return { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } };
}

export function apiKeyInvalid() {
  return errorBody('INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}

export function rateLimited(retryDelay: string) {
  const seconds = Number.parseFloat(retryDelay);
  return errorBody(
    'RESOURCE_EXHAUSTED',
    `You exceeded your current quota, please check your plan and billing details. Please retry in ${seconds}s.`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ],
  );
}

/** A daily or free-tier cap: retrying within the day will not help, whatever RetryInfo says. */
export function quotaExhausted(quotaId: string, retryDelay: string) {
  return errorBody(
    'RESOURCE_EXHAUSTED',
    `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in ${Number.parseFloat(retryDelay)}s.`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId, quotaDimensions: { location: 'global', model: 'gemini-3.1-pro' }, quotaValue: '100' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ],
  );
}

/** Rough token count like Gemini's rule of thumb: ~4 characters per text token, fixed costs for media. */
export function estimatePromptTokens(request: WireRequest): number {
  let tokens = 0;
  const count = (content?: WireContent) => {
    for (const part of content?.parts ?? []) {
      if (part.text) tokens += Math.ceil(part.text.length / 4);
      if (part.inlineData) tokens += part.inlineData.mimeType === 'application/pdf' ? 560 : 1120;
      if (part.fileData) tokens += part.fileData.mimeType === 'application/pdf' ? 560 : 1120;
    }
  };
  for (const content of request.contents ?? []) count(content);
  count(request.systemInstruction);
  return Math.max(1, tokens);
}
