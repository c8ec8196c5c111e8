import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createFileStore, type FakeFile, type FileLifecycle } from './files';
import { imageDimensions, renderPng, type CompositionSpec } from './render';
import {
  apiKeyInvalid,
  errorBody,
  estimatePromptTokens,
  normalizeRequest,
  quotaExhausted,
  rateLimited,
  STATUS_CODES,
  type ApiStatus,
  type WirePart,
  type WireRequest,
} from './protocol';
import { colorsFromSystemInstruction, DEFAULT_AUDIT, DEFAULT_GUIDELINES, hasMedia } from './scenarios';
import { checkGenerationConfig, checkInlineParts, checkResponseSchema, DEFAULT_REQUEST_LIMIT_BYTES, payloadTooLarge } from './strict';

/**
 * Scriptable operations. File operations: `uploadStart` (POST /upload/{v}/files,
 * X-Goog-Upload-Command: start), `uploadChunk` (POST to the upload URL, command
 * `upload` or `upload, finalize`), `getFile`, `deleteFile`. Their scripted
 * replies should be faults (error, rate_limit, hang, malformed, raw…).
 */
export type FakeOperation = 'generateContent' | 'countTokens' | 'getModel' | 'uploadStart' | 'uploadChunk' | 'getFile' | 'deleteFile';

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
  /** A 429 for a daily or free-tier cap (QuotaFailure quotaId with PerDay/FreeTier); RetryInfo is sent too, as the real API does. */
  | { kind: 'quota_exhausted'; quotaId?: string; retryDelay?: string }
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
  operation: FakeOperation | 'listModels' | 'listFiles' | 'unknown';
  /** Files API: the `files/{id}` addressed (get/delete) or created (final chunk). */
  fileName?: string;
  /** Resumable upload: the X-Goog-Upload-Command header. */
  uploadCommand?: string;
  /** Size of the request body in bytes (upload chunks are not kept as text). */
  bodyBytes: number;
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
  /**
   * Serve under this path only, like a gateway at `https://gw.example/<prefix>`; anything else is a
   * gateway 404. The upload URL it hands out has no prefix (a gateway passes Google's on), so a
   * client must put the prefix back itself (the SDK keeps only the base URL's origin for uploads).
   */
  pathPrefix?: string;
  /** Request bodies above this are refused like the real API's inline cap (default 100 MB). */
  requestLimitBytes?: number;
  /**
   * Unscripted generations start a chat with an off-palette block (top-right) and edits come
   * back clean, so a hand-run server shows Mobius correcting an image (`npm run fake-gemini -- --demo-correction`).
   */
  demoCorrection?: boolean;
}

/** The block `demoCorrection` paints on a chat's first image: a saturated green far from any brand palette. */
export const DEMO_OFF_PALETTE = { hex: '#2EBD4E', box: { x: 0.55, y: 0.06, w: 0.4, h: 0.45 } } as const;

export const FAKE_MODELS = ['gemini-3.1-pro-preview', 'gemini-3-pro-image', 'gemini-2.5-flash', 'gemini-2.5-flash-image'];

export interface FakeGemini {
  /** Base URL for `httpOptions.baseUrl` / `MOBIUS_GEMINI_BASE_URL` (no trailing slash, no version; with the gateway prefix if any). */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Queue replies for a model (or any model: '*') and operation (default generateContent). */
  enqueue(replies: FakeReply | FakeReply[], target?: { model?: string; operation?: FakeOperation }): void;
  /** Requests for one model and/or operation. */
  requestsFor(filter: { model?: string; operation?: FakeOperation }): RecordedRequest[];
  /** Signatures the fake handed out, in order. */
  readonly issuedSignatures: ReadonlySet<string>;
  /** Files uploaded through the Files API and not deleted, by id. */
  readonly files: ReadonlyMap<string, FakeFile>;
  /** `files/{id}` names deleted through DELETE /{v}/files/{id}, in order. */
  readonly deletedFiles: readonly string[];
  /** How the next uploads behave (default: one PROCESSING poll, then ACTIVE). Reset by reset(). */
  setFileLifecycle(lifecycle: Partial<FileLifecycle>): void;
  reset(): void;
  close(): Promise<void>;
}

interface Handled {
  status: number;
  body: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+)(?::(generateContent|countTokens))?$/;
const UPLOAD_ROUTE = /^\/upload\/(v1beta|v1|v1alpha)\/files$/;
const FILE_ROUTE = /^\/(v1beta|v1|v1alpha)\/files\/([^/:]+)$/;
const FILES_ROUTE = /^\/(v1beta|v1|v1alpha)\/files\/?$/;

/** Which operation a request is, from its method, path and upload headers. */
function routeOf(method: string, url: URL): Pick<RecordedRequest, 'apiVersion' | 'model' | 'operation' | 'fileName'> {
  const model = ROUTE.exec(url.pathname);
  if (model) return { apiVersion: model[1]!, model: model[2]!, operation: (model[3] as FakeOperation | undefined) ?? 'getModel' };
  const list = /^\/(v1beta|v1|v1alpha)\/models\/?$/.exec(url.pathname);
  if (list) return { apiVersion: list[1]!, model: '', operation: 'listModels' };
  const upload = UPLOAD_ROUTE.exec(url.pathname);
  if (upload && method === 'POST') return { apiVersion: upload[1]!, model: '', operation: url.searchParams.has('upload_id') ? 'uploadChunk' : 'uploadStart' };
  const file = FILE_ROUTE.exec(url.pathname);
  if (file && (method === 'GET' || method === 'DELETE')) {
    return { apiVersion: file[1]!, model: '', operation: method === 'GET' ? 'getFile' : 'deleteFile', fileName: `files/${file[2]!}` };
  }
  const files = FILES_ROUTE.exec(url.pathname);
  if (files && method === 'GET') return { apiVersion: files[1]!, model: '', operation: 'listFiles' };
  return { apiVersion: '', model: '', operation: 'unknown' };
}

type FileOperation = 'uploadStart' | 'uploadChunk' | 'getFile' | 'deleteFile' | 'listFiles';
const FILE_OPERATIONS = new Set<string>(['uploadStart', 'uploadChunk', 'getFile', 'deleteFile', 'listFiles'] satisfies FileOperation[]);
const isFileOperation = (operation: RecordedRequest['operation']): operation is FileOperation => FILE_OPERATIONS.has(operation);

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const models = new Set(options.models ?? FAKE_MODELS);
  const imageScale = options.imageScale ?? 1;
  const enforceSignatures = options.enforceThoughtSignatures ?? true;
  const demoCorrection = options.demoCorrection ?? false;
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const requestLimit = options.requestLimitBytes ?? DEFAULT_REQUEST_LIMIT_BYTES;
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, FakeReply[]>();
  const issued = new Set<string>();
  const sockets = new Set<Socket>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let port = 0;
  const fileStore = createFileStore(() => `http://127.0.0.1:${port}`);

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
    if (record.model.includes('image')) {
      const firstTurn = !(request.contents ?? []).some((c) => c.role === 'model');
      return demoCorrection && firstTurn ? { kind: 'image', composition: { offPalette: DEMO_OFF_PALETTE } } : { kind: 'image' };
    }
    const wantsJson = request.generationConfig?.responseMimeType === 'application/json';
    if (wantsJson && hasMedia(request, 'application/pdf')) return { kind: 'json', value: DEFAULT_GUIDELINES, thoughts: ['Mapping colour labels to roles.'] };
    if (wantsJson && hasMedia(request, 'image/')) return { kind: 'json', value: DEFAULT_AUDIT, thoughts: ['Comparing the image to the guidelines.'] };
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
      case 'quota_exhausted':
        return { status: 429, body: quotaExhausted(reply.quotaId ?? 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', reply.retryDelay ?? '17s') };
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

  /** Files API requests, after the key check and any scripted fault. */
  const handleFile = (req: IncomingMessage, url: URL, record: RecordedRequest, body: Buffer): Handled => {
    const version = record.apiVersion;
    const id = record.fileName?.slice('files/'.length) ?? '';
    switch (record.operation) {
      case 'uploadStart':
        return fileStore.start(version, req.headers, body);
      case 'uploadChunk': {
        const reply = fileStore.chunk(version, url.searchParams.get('upload_id') ?? '', req.headers, body);
        const created = (reply.body as { file?: { name?: string } } | null)?.file?.name;
        if (created) record.fileName = created;
        return reply;
      }
      case 'getFile':
        return fileStore.get(version, id);
      case 'deleteFile':
        return fileStore.remove(id);
      default:
        return fileStore.list(version);
    }
  };

  const handle = async (req: IncomingMessage, record: RecordedRequest, body: Buffer): Promise<Handled | 'hang'> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = req.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
    if (typeof key !== 'string' || key.length === 0) {
      return { status: 403, body: errorBody('PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.") };
    }
    if (options.apiKey !== undefined && key !== options.apiKey) return { status: 400, body: apiKeyInvalid() };
    if (record.operation === 'unknown') return { status: 404, body: errorBody('NOT_FOUND', `Unknown path ${record.path}.`) };
    if (record.operation === 'listModels') return { status: 200, body: { models: [...models].map((m) => modelInfo(m, record.apiVersion)) } };
    if (isFileOperation(record.operation)) {
      const scripted = record.operation === 'listFiles' ? undefined : takeScripted('', record.operation);
      return scripted ? respondTo(scripted, record) : handleFile(req, url, record, body);
    }
    const bodyText = body.toString('utf8');
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
      const refused =
        (body.length > requestLimit ? payloadTooLarge(requestLimit) : null) ??
        checkInlineParts(record.body) ??
        checkResponseSchema(record.body) ??
        checkGenerationConfig(record.body) ??
        checkSignatures(record.body) ??
        fileStore.checkFileParts(record.body);
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
    const outside = prefix !== '' && !url.pathname.startsWith(`${prefix}/`);
    if (prefix && !outside) url.pathname = url.pathname.slice(prefix.length);
    const route = outside ? { apiVersion: '', model: '', operation: 'unknown' as const } : routeOf(req.method ?? 'GET', url);
    const uploadCommand = req.headers['x-goog-upload-command'];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = name === 'x-goog-api-key' ? '[redacted]' : String(value);
    }
    const record: RecordedRequest = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: outside ? url.pathname : `${prefix}${url.pathname}`,
      ...route,
      ...(typeof uploadCommand === 'string' ? { uploadCommand } : {}),
      headers,
      apiKeyPresent: typeof req.headers['x-goog-api-key'] === 'string' || url.searchParams.has('key'),
      body: {},
      rawBody: null,
      bodyBytes: 0,
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      record.bodyBytes = body.length;
      handle(req, record, body)
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
          // Upload steps that are not final answer with headers only, like the real upload server.
          const payload = result.raw ?? (result.body === null && result.headers ? '' : JSON.stringify(result.body));
          res.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8', ...result.headers });
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
  port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    issuedSignatures: issued,
    files: fileStore.files,
    deletedFiles: fileStore.deleted,
    setFileLifecycle: (lifecycle) => fileStore.setLifecycle(lifecycle),
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
      fileStore.reset();
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
