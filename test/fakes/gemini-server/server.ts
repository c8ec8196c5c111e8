import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { imageDimensions, renderPng, type CompositionSpec } from './render';
import {
  apiKeyInvalid,
  errorBody,
  estimatePromptTokens,
  normalizeRequest,
  rateLimited,
  STATUS_CODES,
  type ApiStatus,
  type WirePart,
  type WireRequest,
} from './protocol';
import { colorsFromSystemInstruction, DEFAULT_AUDIT, DEFAULT_GUIDELINES, hasInline } from './scenarios';

export type FakeOperation = 'generateContent' | 'countTokens' | 'getModel';

/** One scripted answer. Anything not scripted falls back to the default scenario. */
export type FakeReply =
  | { kind: 'text'; text: string; thoughts?: string[]; finishReason?: string }
  /** Model output that is JSON (structured output) — serialised into the text part. */
  | { kind: 'json'; value: unknown; thoughts?: string[] }
  | {
      kind: 'image';
      composition?: Partial<Omit<CompositionSpec, 'width' | 'height'>> & { width?: number; height?: number };
      png?: Buffer;
      text?: string;
      thoughts?: string[];
      /** Interim images the model marks as thoughts; the client must not return them. */
      thoughtImages?: number;
    }
  | { kind: 'error'; status: ApiStatus; message?: string; details?: unknown[]; httpStatus?: number }
  | { kind: 'rate_limit'; retryDelay: string }
  | { kind: 'invalid_key' }
  /** Accept the request and answer nothing for `ms` (default: until the client gives up). */
  | { kind: 'hang'; ms?: number; then?: FakeReply }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  | { kind: 'blocked'; blockReason: string }
  | { kind: 'finish'; finishReason: string; text?: string }
  | { kind: 'raw'; status: number; body: unknown }
  | { kind: 'custom'; handle: (request: RecordedRequest) => FakeReply | Promise<FakeReply> };

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  apiVersion: string;
  model: string;
  operation: FakeOperation | 'listModels' | 'unknown';
  /** Headers with the API key redacted; `apiKeyPresent` says whether one was sent. */
  headers: Record<string, string>;
  apiKeyPresent: boolean;
  /** The request body with snake_case fields renamed to camelCase. */
  body: WireRequest;
  /** The body exactly as received. */
  rawBody: unknown;
  /** What the fake answered with (kind), for debugging tests. */
  reply?: string;
  /** HTTP status sent, or null when the client hung up first. */
  status?: number | null;
}

export interface FakeGeminiOptions {
  /** Required value of `x-goog-api-key`; when unset any non-empty key is accepted. */
  apiKey?: string;
  /** Model ids that exist; everything else (including retired ids) is NOT_FOUND. */
  models?: string[];
  /** Scale for rendered images relative to the requested size (tests use small images). */
  imageScale?: number;
  port?: number;
  /** Reject model turns whose image parts lack the signatures we issued (the real API does). */
  enforceThoughtSignatures?: boolean;
}

export const FAKE_MODELS = ['gemini-3.1-pro-preview', 'gemini-3-pro-image', 'gemini-2.5-flash', 'gemini-2.5-flash-image'];

export interface FakeGemini {
  /** Base URL for `httpOptions.baseUrl` / `MOBIUS_GEMINI_BASE_URL` (no trailing slash, no version). */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Queue replies for a model (or any model: '*') and operation (default generateContent). */
  enqueue(replies: FakeReply | FakeReply[], target?: { model?: string; operation?: FakeOperation }): void;
  /** Requests for one model and/or operation. */
  requestsFor(filter: { model?: string; operation?: FakeOperation }): RecordedRequest[];
  /** Signatures the fake handed out, in order. */
  readonly issuedSignatures: ReadonlySet<string>;
  reset(): void;
  close(): Promise<void>;
}

interface Handled {
  status: number;
  body: unknown;
  raw?: string;
}

const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+)(?::(generateContent|countTokens))?$/;

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const models = new Set(options.models ?? FAKE_MODELS);
  const imageScale = options.imageScale ?? 1;
  const enforceSignatures = options.enforceThoughtSignatures ?? true;
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, FakeReply[]>();
  const issued = new Set<string>();
  const sockets = new Set<Socket>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let seq = 0;

  const issueSignature = () => {
    const sig = Buffer.from(`fake-sig:${randomBytes(12).toString('hex')}`).toString('base64');
    issued.add(sig);
    return sig;
  };

  const takeScripted = (model: string, operation: FakeOperation): FakeReply | undefined => {
    for (const key of [`${model}|${operation}`, `*|${operation}`]) {
      const queue = queues.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  };

  const notFound = (model: string, version: string): Handled => ({
    status: 404,
    body: errorBody(
      'NOT_FOUND',
      `models/${model} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    ),
  });

  const candidateUsage = (request: WireRequest, candidates: number, thoughts: number) => {
    const prompt = estimatePromptTokens(request);
    return {
      promptTokenCount: prompt,
      candidatesTokenCount: candidates,
      ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
      totalTokenCount: prompt + candidates + thoughts,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
    };
  };

  const thoughtParts = (thoughts: string[] | undefined): WirePart[] => (thoughts ?? []).map((text) => ({ text, thought: true }));

  const success = (request: WireRequest, model: string, parts: WirePart[], finishReason: string, candidates: number, thoughts: number): Handled => ({
    status: 200,
    body: {
      candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
      usageMetadata: candidateUsage(request, candidates, thoughts),
      modelVersion: model,
      responseId: randomUUID().replace(/-/g, '').slice(0, 22),
    },
  });

  const renderImageReply = async (reply: Extract<FakeReply, { kind: 'image' }>, record: RecordedRequest): Promise<Handled> => {
    const request = record.body;
    const imageConfig = request.generationConfig?.imageConfig ?? {};
    const size = imageDimensions(imageConfig.aspectRatio ?? '1:1', imageConfig.imageSize ?? '1K', imageScale);
    const spec: CompositionSpec = {
      width: reply.composition?.width ?? size.width,
      height: reply.composition?.height ?? size.height,
      colors: reply.composition?.colors ?? colorsFromSystemInstruction(request),
      offPalette: reply.composition?.offPalette ?? null,
    };
    const png = reply.png ?? (await renderPng(spec));
    const parts: WirePart[] = thoughtParts(reply.thoughts ?? ['Planning the composition around the brand palette.']);
    for (let i = 0; i < (reply.thoughtImages ?? 0); i++) {
      // Drafts in grey, so a client that returns a thought image is caught by the pixels.
      const draft = await renderPng({ width: spec.width, height: spec.height, colors: [{ hex: '#808080', share: 1 }] });
      parts.push({ inlineData: { mimeType: 'image/png', data: draft.toString('base64') }, thought: true });
    }
    parts.push({ text: reply.text ?? 'Here is the on-brand image.', thoughtSignature: issueSignature() });
    parts.push({ inlineData: { mimeType: 'image/png', data: png.toString('base64') }, thoughtSignature: issueSignature() });
    const imageTokens = (imageConfig.imageSize ?? '1K').toUpperCase() === '4K' ? 2000 : 1120;
    return success(request, record.model, parts, 'STOP', imageTokens + 10, 120);
  };

  /** The real API refuses a chat turn whose earlier image parts come back without their signatures. */
  const checkSignatures = (request: WireRequest): Handled | null => {
    if (!enforceSignatures) return null;
    const contents = request.contents ?? [];
    for (let c = 0; c < contents.length; c++) {
      const content = contents[c]!;
      if (content.role !== 'model') continue;
      const parts = content.parts ?? [];
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p]!;
        if (part.thoughtSignature !== undefined && !issued.has(part.thoughtSignature)) {
          return { status: 400, body: errorBody('INVALID_ARGUMENT', `Thought signature is not valid (content position ${c + 1}, part position ${p + 1}).`) };
        }
        if (part.inlineData && !part.thought && part.thoughtSignature === undefined) {
          return {
            status: 400,
            body: errorBody(
              'INVALID_ARGUMENT',
              `Image part is missing a thought_signature in content position ${c + 1}, part position ${p + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
            ),
          };
        }
      }
    }
    return null;
  };

  const defaultReply = (record: RecordedRequest): FakeReply => {
    const request = record.body;
    if (record.model.includes('image')) return { kind: 'image' };
    const wantsJson = request.generationConfig?.responseMimeType === 'application/json';
    if (wantsJson && hasInline(request, 'application/pdf')) return { kind: 'json', value: DEFAULT_GUIDELINES, thoughts: ['Mapping colour labels to roles.'] };
    if (wantsJson && hasInline(request, 'image/')) return { kind: 'json', value: DEFAULT_AUDIT, thoughts: ['Comparing the image to the guidelines.'] };
    if (wantsJson) return { kind: 'json', value: {} };
    return { kind: 'text', text: 'OK' };
  };

  const respondTo = async (reply: FakeReply, record: RecordedRequest): Promise<Handled | 'hang'> => {
    const request = record.body;
    switch (reply.kind) {
      case 'custom':
        return respondTo(await reply.handle(record), record);
      case 'text':
        return success(
          request,
          record.model,
          [...thoughtParts(reply.thoughts), { text: reply.text, thoughtSignature: issueSignature() }],
          reply.finishReason ?? 'STOP',
          Math.ceil(reply.text.length / 4),
          reply.thoughts ? 64 : 0,
        );
      case 'json': {
        const text = JSON.stringify(reply.value);
        return success(request, record.model, [...thoughtParts(reply.thoughts), { text, thoughtSignature: issueSignature() }], 'STOP', Math.ceil(text.length / 4), reply.thoughts ? 64 : 0);
      }
      case 'image':
        return renderImageReply(reply, record);
      case 'error':
        return { status: reply.httpStatus ?? STATUS_CODES[reply.status], body: errorBody(reply.status, reply.message ?? `Fake ${reply.status}.`, reply.details ?? []) };
      case 'rate_limit':
        return { status: 429, body: rateLimited(reply.retryDelay) };
      case 'invalid_key':
        return { status: 400, body: apiKeyInvalid() };
      case 'hang':
        if (reply.ms === undefined) return 'hang';
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            resolve();
          }, reply.ms);
          pendingTimers.add(timer);
        });
        return respondTo(reply.then ?? defaultReply(record), record);
      case 'malformed':
        return { status: 200, body: null, raw: '{"candidates": [{"content": {"role": "model", "parts": [{"text": "tru' };
      case 'blocked':
        return {
          status: 200,
          body: { promptFeedback: { blockReason: reply.blockReason }, usageMetadata: candidateUsage(request, 0, 0), modelVersion: record.model, responseId: randomUUID() },
        };
      case 'finish': {
        const parts: WirePart[] = reply.text ? [{ text: reply.text }] : [];
        return {
          status: 200,
          body: {
            candidates: [{ content: { role: 'model', parts }, finishReason: reply.finishReason, index: 0 }],
            usageMetadata: candidateUsage(request, 0, 0),
            modelVersion: record.model,
            responseId: randomUUID(),
          },
        };
      }
      case 'raw':
        return { status: reply.status, body: reply.body };
    }
  };

  const modelInfo = (model: string, version: string) => ({
    name: `models/${model}`,
    version,
    displayName: model,
    inputTokenLimit: model.includes('image') ? 65_536 : 1_048_576,
    outputTokenLimit: model.includes('image') ? 32_768 : 65_536,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
    thinking: true,
  });

  const handle = async (req: IncomingMessage, record: RecordedRequest, bodyText: string): Promise<Handled | 'hang'> => {
    const key = req.headers['x-goog-api-key'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? undefined;
    if (typeof key !== 'string' || key.length === 0) {
      return { status: 403, body: errorBody('PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.") };
    }
    if (options.apiKey !== undefined && key !== options.apiKey) return { status: 400, body: apiKeyInvalid() };
    if (record.operation === 'unknown') return { status: 404, body: errorBody('NOT_FOUND', `Unknown path ${record.path}.`) };
    if (record.operation === 'listModels') return { status: 200, body: { models: [...models].map((m) => modelInfo(m, record.apiVersion)) } };
    if (bodyText.length > 0) {
      try {
        record.rawBody = JSON.parse(bodyText);
        record.body = normalizeRequest(record.rawBody) as WireRequest;
      } catch {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', 'Invalid JSON payload received.') };
      }
    }
    const operation = record.operation;
    if (operation === 'generateContent') {
      const refused = checkSignatures(record.body);
      if (refused) return refused;
    }
    const scripted = takeScripted(record.model, operation);
    if (scripted) return respondTo(scripted, record);
    if (!models.has(record.model)) return notFound(record.model, record.apiVersion);
    if (operation === 'getModel') return { status: 200, body: modelInfo(record.model, record.apiVersion) };
    if (operation === 'countTokens') return { status: 200, body: { totalTokens: estimatePromptTokens(record.body) } };
    return respondTo(defaultReply(record), record);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = ROUTE.exec(url.pathname);
    const listMatch = /^\/(v1beta|v1|v1alpha)\/models\/?$/.exec(url.pathname);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = name === 'x-goog-api-key' ? '[redacted]' : String(value);
    }
    const record: RecordedRequest = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: url.pathname,
      apiVersion: match?.[1] ?? listMatch?.[1] ?? '',
      model: match?.[2] ?? '',
      operation: match ? ((match[3] as FakeOperation | undefined) ?? 'getModel') : listMatch ? 'listModels' : 'unknown',
      headers,
      apiKeyPresent: typeof req.headers['x-goog-api-key'] === 'string' || url.searchParams.has('key'),
      body: {},
      rawBody: null,
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, record, Buffer.concat(chunks).toString('utf8'))
        .then((result) => {
          if (result === 'hang') {
            record.reply = 'hang';
            record.status = null;
            return; // The socket is destroyed when the client aborts or the server closes.
          }
          if (res.destroyed || res.writableEnded) {
            record.status = null;
            return;
          }
          record.status = result.status;
          const payload = result.raw ?? JSON.stringify(result.body);
          res.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8' });
          res.end(payload);
        })
        .catch((error: unknown) => {
          record.status = 500;
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(errorBody('INTERNAL', `Fake server error: ${String(error)}`)));
        });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    issuedSignatures: issued,
    enqueue(replies, target = {}) {
      const key = `${target.model ?? '*'}|${target.operation ?? 'generateContent'}`;
      const queue = queues.get(key) ?? [];
      queue.push(...(Array.isArray(replies) ? replies : [replies]));
      queues.set(key, queue);
    },
    requestsFor(filter) {
      return requests.filter((r) => (filter.model === undefined || r.model === filter.model) && (filter.operation === undefined || r.operation === filter.operation));
    },
    reset() {
      requests.length = 0;
      queues.clear();
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
