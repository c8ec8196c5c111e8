import { randomUUID } from 'node:crypto';
import { FileState, GoogleGenAI, ThinkingLevel, createPartFromUri, type Content, type File as GeminiFile, type GenerateContentConfig, type GenerateContentResponse, type Part } from '@google/genai';
import sharp from 'sharp';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import { BrandGuidelines, type CompressedDigitalTwin } from '../../../shared/schema/brand';
import type { ComplianceScore } from '../../../shared/schema/compliance';
import { toModelJsonSchema } from '../../../shared/schema/json-schema';
import type { Settings } from '../../../shared/schema/settings';
import { thresholdToScore } from '../../../shared/scoring';
import type { Logger } from '../log';
import { registerSecret } from '../log';
import { GEMINI_NOT_CONFIGURED_MESSAGE } from '../settings/gemini-config';
import { ModelAuditOutput, buildScore, convertModelAudit, failedAudit } from './audit';
import { classifyError, type Classified } from './classify';
import { callCost, tokenUsage, type TokenUsage } from './cost';
import type { ImageSink } from './image-sink';
import { OPERATION_ROLE, successorOf, type ModelRole, type OperationType } from './models';
import { DEFAULT_FILE_POLL_POLICY, base64Length, choosePdfTransport, pollDelay, uploadTimeoutMs, type FilePollPolicy } from './pdf-transport';
import { AUDIT_SYSTEM, EXTRACTION_SYSTEM, auditPrompt, extractionPrompt, repairPrompt, twinSystemInstruction } from './prompts';
import { answerText, assertNotBlocked, finalImage, parseJsonText } from './response';
import { DEFAULT_RETRY_POLICY, attemptTimeout, realSleep, retryWait, type RetryPolicy, type Sleep } from './retry';
import { EditSession } from './session';

export const GEMINI_API_VERSION = 'v1beta';
export { MAX_INLINE_PDF_BYTES, MAX_PDF_BYTES } from './pdf-transport';

export type CallLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface GeminiClientOptions {
  settings: Settings;
  apiKey: string;
  logger: CallLogger;
  images: ImageSink;
  /** Overrides `settings.gemini_base_url` and `MOBIUS_GEMINI_BASE_URL`. */
  baseUrl?: string | null;
  env?: Record<string, string | undefined>;
  sleep?: Sleep;
  random?: () => number;
  fetch?: typeof fetch;
  retryPolicy?: Partial<RetryPolicy>;
  /** How long to wait for an uploaded PDF to become ACTIVE (Files API). */
  filePolling?: Partial<FilePollPolicy>;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
}

export interface ModelHandle {
  role: ModelRole;
  model: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  brandId?: string | null;
}

export interface ReferenceImage {
  bytes: Uint8Array;
  mime: string;
}

export interface GenerateOptions extends CallOptions {
  aspect_ratio?: string;
  image_size?: '1K' | '2K' | '4K';
  /** E.g. the brand logo; passed as inline images before the prompt (max 14). */
  reference_images?: ReferenceImage[];
}

export interface CallCost {
  tokens: number;
  usd: number;
}

export interface GeneratedImage {
  image_uri: string;
  sha256: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: Uint8Array;
  /** The model's non-thought text, if any. */
  text: string;
  model: string;
  /** Persist this verbatim (e.g. in the job's state) to continue with editImage. */
  session: EditSession;
  cost: CallCost;
  request_id: string;
}

export interface AuditOptions extends CallOptions {
  pixelEvidence?: unknown;
  brandVersion?: number | null;
  /** Pixel metrics stored with the score (`measured`). */
  measured?: Record<string, unknown> | null;
}

export interface ModelCheck {
  role: ModelRole;
  model: string;
  available: boolean;
  error: { code: string; message: string; successor: string | null } | null;
}

export interface GeminiClient {
  readonly reasoning: ModelHandle;
  readonly vision: ModelHandle;
  /** null = Google's default endpoint. */
  readonly baseUrl: string | null;
  modelFor(operation: Exclude<OperationType, 'token_count' | 'model_check'>): string;
  extractGuidelines(pdfBytes: Uint8Array, options: CallOptions & { filename: string; localEvidence?: unknown }): Promise<BrandGuidelines & { cost: CallCost }>;
  generateImage(prompt: string, twin: CompressedDigitalTwin, options?: GenerateOptions): Promise<GeneratedImage>;
  editImage(session: EditSession | unknown, instruction: string, options?: CallOptions & { reference_images?: ReferenceImage[] }): Promise<GeneratedImage>;
  auditCompliance(image: ReferenceImage, guidelines: BrandGuidelines, options?: AuditOptions): Promise<ComplianceScore & { cost: CallCost }>;
  countTokens(contents: Content[] | string, options?: CallOptions & { operation?: Exclude<OperationType, 'token_count' | 'model_check'> }): Promise<number>;
  checkModels(options?: CallOptions): Promise<ModelCheck[]>;
}

/** `settings.gemini_base_url`, else `MOBIUS_GEMINI_BASE_URL`, else null (Google's endpoint). */
export function resolveBaseUrl(settings: Pick<Settings, 'gemini_base_url'>, env: Record<string, string | undefined> = process.env): string | null {
  // The environment wins, as in SettingsService: it points one run at a gateway or the fake server.
  const value = env['MOBIUS_GEMINI_BASE_URL']?.trim() || settings.gemini_base_url || null;
  const trimmed = value?.trim();
  return trimmed ? trimmed.replace(/\/+$/, '') : null;
}

/** Seed property 21: no client without a usable key. */
export function assertApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || apiKey.trim().length === 0) {
    throw new MobiusError('GEMINI_NOT_CONFIGURED', GEMINI_NOT_CONFIGURED_MESSAGE);
  }
}

interface CallSpec<R, T> {
  operation: OperationType;
  model: string;
  options: CallOptions;
  baseTimeoutMs: number;
  request: (signal: AbortSignal) => Promise<R>;
  /** Checks that may throw a non-retryable MobiusError (safety, no image). */
  interpret: (response: R) => T | Promise<T>;
  usage?: (response: R) => { usage: TokenUsage; images: number; imageSize?: string; responseId?: string };
  /** Extra fields for this call's log lines (e.g. the Files API step), read when each line is written. */
  logFields?: () => Record<string, unknown>;
  /** What the request addresses, for error mapping (a 404 on a file is not a retired model). */
  resource?: 'model' | 'file';
}

interface CallResult<T> {
  value: T;
  cost: CallCost;
  /** The id on this call's log lines. */
  requestId: string;
}

export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  assertApiKey(options.apiKey);
  registerSecret(options.apiKey);
  const { settings, logger, images } = options;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const filePolling: FilePollPolicy = { ...DEFAULT_FILE_POLL_POLICY, ...options.filePolling };
  const baseUrl = options.baseUrl !== undefined && options.baseUrl !== null ? options.baseUrl.replace(/\/+$/, '') : resolveBaseUrl(settings, options.env);
  const reasoning: ModelHandle = { role: 'reasoning', model: settings.reasoning_model };
  const vision: ModelHandle = { role: 'vision', model: settings.vision_model };
  const threshold = thresholdToScore(settings.compliance_threshold);

  // SDK retries stay off (no retryOptions): the loop below is the only retry policy.
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    apiVersion: GEMINI_API_VERSION,
    httpOptions: {
      apiVersion: GEMINI_API_VERSION,
      ...(baseUrl ? { baseUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });

  /**
   * An SDK instance for one upload attempt. `files.upload` passes no abort
   * signal to its requests (neither the resumable start nor the chunks), so
   * the attempt's signal — timeout or cancellation — is attached in fetch.
   */
  function uploadClient(signal: AbortSignal, onRequest: () => void): GoogleGenAI {
    const baseFetch = options.fetch ?? globalThis.fetch;
    const scopedFetch: typeof fetch = (input, init) => {
      onRequest();
      return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    };
    return new GoogleGenAI({
      apiKey: options.apiKey,
      apiVersion: GEMINI_API_VERSION,
      httpOptions: { apiVersion: GEMINI_API_VERSION, ...(baseUrl ? { baseUrl } : {}), fetch: scopedFetch },
    });
  }

  const modelFor = (operation: keyof typeof OPERATION_ROLE) => (OPERATION_ROLE[operation] === 'reasoning' ? reasoning.model : vision.model);

  async function call<R, T>(spec: CallSpec<R, T>): Promise<CallResult<T>> {
    const requestId = randomUUID();
    const caller = spec.options.signal;
    let lastRateLimit: Classified | undefined;
    for (let attempt = 0; ; attempt++) {
      if (caller?.aborted) throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: spec.operation });
      const timeoutMs = attemptTimeout(spec.baseTimeoutMs, attempt, policy);
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      const onCancel = () => controller.abort(caller?.reason);
      caller?.addEventListener('abort', onCancel, { once: true });
      const started = now();
      const base = {
        model_name: spec.model,
        operation_type: spec.operation,
        request_id: requestId,
        brand_id: spec.options.brandId ?? null,
        attempt: attempt + 1,
        timeout_ms: timeoutMs,
      };
      let usageInfo: ReturnType<NonNullable<typeof spec.usage>> | undefined;
      try {
        const response = await spec.request(controller.signal);
        usageInfo = spec.usage?.(response);
        const value = await spec.interpret(response);
        const usage = usageInfo?.usage ?? { prompt: 0, candidates: 0, thoughts: 0 };
        const cost = callCost(spec.model, usage, settings.prices, { count: usageInfo?.images ?? 0, size: usageInfo?.imageSize });
        logger.info('gemini.call', {
          ...base,
          ...spec.logFields?.(),
          latency_ms: Math.round(now() - started),
          tokens: usage,
          cost_usd: cost.usd,
          cost_known: cost.known,
          success: true,
          error_type: null,
          response_id: usageInfo?.responseId ?? null,
        });
        return { value, cost: { tokens: usage.prompt + usage.candidates + usage.thoughts, usd: cost.usd }, requestId };
      } catch (error) {
        const classified = classifyError(error, {
          model: spec.model,
          operation: spec.operation,
          timedOut,
          timeoutMs,
          cancelled: caller?.aborted === true,
          ...(spec.resource ? { resource: spec.resource } : {}),
        });
        const usage = usageInfo?.usage ?? { prompt: 0, candidates: 0, thoughts: 0 };
        const willRetry = classified.retryable && attempt < policy.maxRetries && !(classified.retryAfterMs !== undefined && classified.retryAfterMs > policy.maxRetryAfterMs);
        logger.warn('gemini.call', {
          ...base,
          ...spec.logFields?.(),
          latency_ms: Math.round(now() - started),
          tokens: usage,
          cost_usd: callCost(spec.model, usage, settings.prices).usd,
          success: false,
          error_type: classified.type,
          error_code: classified.error.code,
          error_message: classified.error.message,
          http_status: classified.httpStatus ?? null,
          will_retry: willRetry,
        });
        if (timedOut) {
          logger.warn('gemini.timeout', {
            ...base,
            next_timeout_ms: willRetry ? attemptTimeout(spec.baseTimeoutMs, attempt + 1, policy) : null,
          });
        }
        if (classified.type === 'rate_limited') lastRateLimit = classified;
        if (!willRetry) throw finalError(classified, attempt + 1, lastRateLimit);
        const wait = retryWait(attempt, random, classified.retryAfterMs, policy);
        logger.debug('gemini.retry', { ...base, delay_ms: wait, reason: classified.type });
        try {
          await sleep(wait, caller);
        } catch {
          throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: spec.operation });
        }
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCancel);
      }
    }
  }

  /** After the last attempt: say how many requests were made; a rate limit keeps its retry-after. */
  function finalError(classified: Classified, requests: number, lastRateLimit: Classified | undefined): MobiusError {
    const error = classified.error;
    if (!classified.retryable || requests === 1) return withDetails(error, { requests });
    if (lastRateLimit && classified.type === 'rate_limited') return withDetails(error, { requests });
    if (error.code === 'OFFLINE') return withDetails(error, { requests });
    return new MobiusError(
      'GEMINI_UNAVAILABLE',
      `Gemini did not respond successfully after ${requests} attempts (${classified.type.replace('_', ' ')}). Try again in a few minutes.`,
      { ...error.details, requests, last_error: error.code },
      { cause: error },
    );
  }

  function withDetails(error: MobiusError, extra: Record<string, unknown>): MobiusError {
    return new MobiusError(error.code, error.message, { ...error.details, ...extra }, { cause: error.cause });
  }

  const usageOf = (response: GenerateContentResponse, imageSize?: string) => {
    const imagesReturned = (response.candidates?.[0]?.content?.parts ?? []).filter((p) => p.inlineData && p.thought !== true).length;
    return { usage: tokenUsage(response.usageMetadata), images: imagesReturned, imageSize, responseId: response.responseId };
  };

  /** One structured-output request plus, if the JSON is unusable, one repair request. */
  async function structured<T>(
    operation: 'pdf_parsing' | 'compliance_audit',
    contents: Content[],
    config: GenerateContentConfig,
    options: CallOptions,
    validate: (value: unknown) => { ok: true; value: T } | { ok: false; problem: string },
  ): Promise<{ value: T; cost: CallCost }> {
    const model = modelFor(operation);
    const request = (c: Content[]) =>
      call({
        operation,
        model,
        options,
        baseTimeoutMs: settings.request_timeout_ms,
        request: (signal) => ai.models.generateContent({ model, contents: c, config: { ...config, abortSignal: signal } }),
        interpret: (response) => {
          assertNotBlocked(response, model);
          return answerText(response);
        },
        usage: (response) => usageOf(response),
      });
    const first = await request(contents);
    const parsed = parseJsonText(first.value);
    const checked = parsed.ok ? validate(parsed.value) : parsed;
    if (checked.ok) return { value: checked.value, cost: first.cost };
    logger.warn('gemini.repair', { model_name: model, operation_type: operation, brand_id: options.brandId ?? null, problem: checked.problem.slice(0, 300) });
    const repaired = await request([{ role: 'user', parts: [{ text: repairPrompt(first.value, checked.problem) }] }]);
    const total = { tokens: first.cost.tokens + repaired.cost.tokens, usd: first.cost.usd + repaired.cost.usd };
    const reparsed = parseJsonText(repaired.value);
    const rechecked = reparsed.ok ? validate(reparsed.value) : reparsed;
    if (rechecked.ok) return { value: rechecked.value, cost: total };
    throw new MobiusError(
      'GEMINI_BAD_RESPONSE',
      `Gemini's answer could not be understood, even after asking it to fix it (${rechecked.problem.slice(0, 200)}).`,
      { model, operation, problem: rechecked.problem.slice(0, 500), cost_usd: total.usd },
    );
  }

  function imageConfigOf(session: EditSession): GenerateContentConfig {
    return {
      systemInstruction: session.system_instruction,
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: session.image_config.aspect_ratio, imageSize: session.image_config.image_size },
      temperature: 1,
    };
  }

  async function imageTurn(
    operation: 'image_generation' | 'image_edit',
    session: EditSession,
    message: Part[],
    options: CallOptions,
  ): Promise<GeneratedImage> {
    const model = vision.model;
    const config = imageConfigOf(session);
    let history: Content[] = [];
    const result = await call({
      operation,
      model,
      options,
      baseTimeoutMs: settings.generation_timeout_ms,
      request: async (signal) => {
        // A fresh chat per attempt from the persisted history: a failed attempt leaves no trace in it.
        const chat = ai.chats.create({ model, config, history: structuredClone(session.history) as Content[] });
        const response = await chat.sendMessage({ message, config: { ...config, abortSignal: signal } });
        history = chat.getHistory();
        return response;
      },
      interpret: (response) => ({ image: finalImage(response, model), text: answerText(response) }),
      usage: (response) => usageOf(response, session.image_config.image_size),
    });
    const { image, text } = result.value;
    const stored = await images.put(image.bytes, image.mime);
    const meta = await sharp(image.bytes)
      .metadata()
      .catch(() => null);
    const next: EditSession = EditSession.parse({ ...session, model, history, turns: session.turns + 1 });
    return {
      image_uri: stored.uri,
      sha256: stored.sha256,
      mime: image.mime,
      width: meta?.width ?? null,
      height: meta?.height ?? null,
      bytes: image.bytes,
      text,
      model,
      session: next,
      cost: result.cost,
      request_id: result.requestId,
    };
  }

  const fileLog = (step: 'file_upload' | 'file_status' | 'file_delete', name?: string) => ({ files_api: step, ...(name ? { file_name: name } : {}) });

  /** Upload through the Files API (resumable protocol), retried as a whole like any call. */
  async function uploadPdf(pdfBytes: Uint8Array, opts: CallOptions & { filename: string }): Promise<GeminiFile> {
    const model = reasoning.model;
    const blob = new Blob([pdfBytes], { type: 'application/pdf' });
    let httpRequests = 0;
    const { value } = await call({
      operation: 'pdf_parsing',
      model,
      options: opts,
      resource: 'file',
      baseTimeoutMs: uploadTimeoutMs(settings.request_timeout_ms, pdfBytes.byteLength),
      logFields: () => ({ ...fileLog('file_upload'), file_bytes: pdfBytes.byteLength, http_requests: httpRequests }),
      request: (signal) => {
        httpRequests = 0;
        const files = uploadClient(signal, () => void httpRequests++).files;
        // Display names are capped at 512 characters by the API.
        return files.upload({ file: blob, config: { mimeType: 'application/pdf', displayName: opts.filename.slice(0, 512) } });
      },
      interpret: (file) => {
        if (typeof file?.name !== 'string' || typeof file.uri !== 'string') {
          throw new MobiusError('GEMINI_BAD_RESPONSE', 'Gemini accepted the PDF upload but did not say where the file is.', { model, operation: 'pdf_parsing', transport: true });
        }
        return file;
      },
    });
    return value;
  }

  /** Poll files.get until the upload is ACTIVE, within the poll budget; FAILED and a spent budget are errors. */
  async function waitUntilActive(file: GeminiFile, opts: CallOptions & { filename: string }): Promise<GeminiFile> {
    const model = reasoning.model;
    let current = file;
    let waited = 0;
    for (let poll = 0; ; poll++) {
      if (current.state === FileState.ACTIVE) return current;
      if (current.state === FileState.FAILED) {
        throw new MobiusError(
          'GEMINI_INVALID_REQUEST',
          `Gemini could not process "${opts.filename}"${current.error?.message ? ` (${current.error.message})` : ''}. Check that the PDF opens in a PDF viewer, or export it again, then retry.`,
          { model, operation: 'pdf_parsing', reason: 'file_processing_failed', file_name: file.name },
        );
      }
      const delay = pollDelay(poll, waited, filePolling);
      if (delay === null) {
        throw new MobiusError(
          'GEMINI_UNAVAILABLE',
          `Gemini was still processing "${opts.filename}" after ${Math.round(waited / 1000)} s. Try again in a few minutes.`,
          { model, operation: 'pdf_parsing', reason: 'file_processing_timeout', file_name: file.name, waited_ms: waited },
        );
      }
      try {
        await sleep(delay, opts.signal);
      } catch {
        throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: 'pdf_parsing' });
      }
      if (opts.signal?.aborted) throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: 'pdf_parsing' });
      waited += delay;
      const name = file.name!;
      current = (
        await call({
          operation: 'pdf_parsing',
          model,
          options: opts,
          resource: 'file',
          baseTimeoutMs: settings.request_timeout_ms,
          logFields: () => ({ ...fileLog('file_status', name), poll: poll + 1 }),
          request: (signal) => ai.files.get({ name, config: { abortSignal: signal } }),
          interpret: (value) => value,
        })
      ).value;
    }
  }

  /**
   * Confidential guidelines must not linger on Google's side for the 48 h a
   * file lives: delete it, even after a failure or a cancellation (so without
   * the caller's signal). Best effort — a failed delete is logged, never thrown.
   */
  async function deleteUploadedFile(name: string, opts: CallOptions): Promise<void> {
    try {
      await call({
        operation: 'pdf_parsing',
        model: reasoning.model,
        options: { brandId: opts.brandId ?? null },
        resource: 'file',
        baseTimeoutMs: settings.request_timeout_ms,
        logFields: () => fileLog('file_delete', name),
        request: (signal) => ai.files.delete({ name, config: { abortSignal: signal } }),
        interpret: () => undefined,
      });
    } catch (error) {
      logger.warn('gemini.file_cleanup_failed', {
        file_name: name,
        brand_id: opts.brandId ?? null,
        error_code: isMobiusError(error) ? error.code : 'INTERNAL',
        note: 'The uploaded copy expires on its own after 48 hours.',
      });
    }
  }

  const inline = (img: ReferenceImage): Part => ({ inlineData: { mimeType: img.mime, data: Buffer.from(img.bytes).toString('base64') } });

  return {
    reasoning,
    vision,
    baseUrl,
    modelFor,

    async extractGuidelines(pdfBytes, opts) {
      const prompt = extractionPrompt(opts.filename, opts.localEvidence);
      const config: GenerateContentConfig = {
        systemInstruction: EXTRACTION_SYSTEM,
        responseMimeType: 'application/json',
        responseJsonSchema: toModelJsonSchema(BrandGuidelines),
        thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH },
        temperature: 1,
      };
      const otherBytes = Buffer.byteLength(prompt) + Buffer.byteLength(EXTRACTION_SYSTEM) + Buffer.byteLength(JSON.stringify(config.responseJsonSchema));
      const transport = choosePdfTransport(pdfBytes.byteLength, otherBytes, opts.filename);
      const extract = async (pdfPart: Part) => {
        const contents: Content[] = [{ role: 'user', parts: [pdfPart, { text: prompt }] }];
        const { value, cost } = await structured('pdf_parsing', contents, config, opts, (raw) => {
          const parsed = BrandGuidelines.safeParse(raw);
          return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
        });
        return { ...value, source_filename: opts.filename, ingested_at: value.ingested_at ?? new Date().toISOString(), cost };
      };
      if (transport === 'inline') {
        logger.debug('gemini.pdf_transport', { transport, pdf_bytes: pdfBytes.byteLength, request_bytes: base64Length(pdfBytes.byteLength) + otherBytes, brand_id: opts.brandId ?? null });
        return extract({ inlineData: { mimeType: 'application/pdf', data: Buffer.from(pdfBytes).toString('base64') } });
      }
      logger.info('gemini.pdf_transport', { transport, pdf_bytes: pdfBytes.byteLength, request_bytes: base64Length(pdfBytes.byteLength) + otherBytes, brand_id: opts.brandId ?? null });
      const uploaded = await uploadPdf(pdfBytes, opts);
      try {
        const active = await waitUntilActive(uploaded, opts);
        return await extract(createPartFromUri(active.uri ?? uploaded.uri!, active.mimeType ?? 'application/pdf'));
      } finally {
        await deleteUploadedFile(uploaded.name!, opts);
      }
    },

    async generateImage(prompt, twin, opts = {}) {
      const session: EditSession = {
        version: 1,
        model: vision.model,
        system_instruction: twinSystemInstruction(twin),
        image_config: { aspect_ratio: opts.aspect_ratio ?? '1:1', image_size: opts.image_size ?? '1K' },
        history: [],
        turns: 0,
      };
      const references = (opts.reference_images ?? []).slice(0, 14).map(inline);
      return imageTurn('image_generation', session, [...references, { text: prompt }], opts);
    },

    async editImage(rawSession, instruction, opts = {}) {
      const parsed = EditSession.safeParse(rawSession);
      if (!parsed.success) {
        throw new MobiusError('VALIDATION', 'The saved edit session is damaged, so this image cannot be edited further. Generate a new image instead.', {
          problem: parsed.error.issues[0]?.message ?? 'invalid',
        });
      }
      const references = (opts.reference_images ?? []).slice(0, 14).map(inline);
      return imageTurn('image_edit', parsed.data, [...references, { text: instruction }], opts);
    },

    async auditCompliance(image, guidelines, opts = {}) {
      const contents: Content[] = [{ role: 'user', parts: [inline(image), { text: auditPrompt(guidelines, opts.pixelEvidence) }] }];
      const config: GenerateContentConfig = {
        systemInstruction: AUDIT_SYSTEM,
        responseMimeType: 'application/json',
        responseJsonSchema: toModelJsonSchema(ModelAuditOutput),
        thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH },
        temperature: 1,
      };
      const scoreOptions = { threshold, brandVersion: opts.brandVersion ?? null, measured: opts.measured ?? null };
      try {
        const { value, cost } = await structured('compliance_audit', contents, config, opts, (raw) => {
          const conversion = convertModelAudit(raw);
          // Some categories readable → keep them (partial); none → worth one repair request.
          return conversion.categories.length > 0 ? { ok: true, value: conversion } : { ok: false, problem: conversion.errors.map((e) => e.message).join(' ') };
        });
        return { ...buildScore(value, scoreOptions), cost };
      } catch (error) {
        if (isMobiusError(error) && error.code === 'CANCELLED') throw error;
        const code = isMobiusError(error) ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : String(error);
        const usd = isMobiusError(error) && typeof error.details?.['cost_usd'] === 'number' ? error.details['cost_usd'] : 0;
        return { ...failedAudit(code, message, scoreOptions), cost: { tokens: 0, usd } };
      }
    },

    async countTokens(contents, opts = {}) {
      const model = modelFor(opts.operation ?? 'compliance_audit');
      const { value } = await call({
        operation: 'token_count',
        model,
        options: opts,
        baseTimeoutMs: settings.request_timeout_ms,
        request: (signal) => ai.models.countTokens({ model, contents, config: { abortSignal: signal } }),
        interpret: (response) => response.totalTokens ?? 0,
      });
      return value;
    },

    async checkModels(opts = {}) {
      const checks: ModelCheck[] = [];
      for (const handle of [reasoning, vision]) {
        try {
          await call({
            operation: 'model_check',
            model: handle.model,
            options: opts,
            baseTimeoutMs: settings.request_timeout_ms,
            request: (signal) => ai.models.get({ model: handle.model, config: { abortSignal: signal } }),
            interpret: (model) => model,
          });
          checks.push({ ...handle, available: true, error: null });
        } catch (error) {
          if (isMobiusError(error) && error.code === 'CANCELLED') throw error;
          const mobius = isMobiusError(error) ? error : new MobiusError('INTERNAL', String(error));
          checks.push({ ...handle, available: false, error: { code: mobius.code, message: mobius.message, successor: successorOf(handle.model) } });
        }
      }
      return checks;
    },
  };
}
