// A compromised renderer, fuzzed: every IPC operation through the real main-process
// wrapper (with a stand-in `electron` module) and through the development bridge,
// with arbitrary payloads, forged senders and forged paths, against a real engine on
// a real data folder. Every call must come back as a valid result or a coded error,
// write nothing when it fails, never crash, and never hand the engine a file the user
// did not give. The same for mobius-asset:// and app:// URLs. Bounded: fixed run
// counts and seeds, well under a minute.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database, { type Database as DatabaseConnection } from 'better-sqlite3';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { ErrorPayload, GRANT_PATH_CHANNEL, OPERATIONS, OPERATION_NAMES, invokeChannel, isOperationName, type Result } from '../../../shared/ipc';
import { png, onBrand } from '../../fixtures/images/generate';

const state = vi.hoisted(() => ({
  ipcHandlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  fetched: [] as string[],
}));

vi.mock('electron', () => ({
  BrowserWindow: { getAllWindows: () => [], getFocusedWindow: () => null },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, request: unknown) => Promise<unknown>) => state.ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
  },
  net: { fetch: (url: string) => (state.fetched.push(url), Promise.resolve(new Response('stored bytes'))) },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
}));

const { createEngine, dispatch } = await import('../../../electron/core/app');
const { EnvSecretStore } = await import('../../../electron/core/secrets');
const { registerIpc } = await import('../../../electron/main/ipc');
const { PathGrants } = await import('../../../electron/main/path-grants');
const { serveAsset } = await import('../../../electron/main/protocol');
const { serveRenderer } = await import('../../../electron/main/app-protocol');
const { startBridge } = await import('../../../electron/core/bridge/server');
type Engine = Awaited<ReturnType<typeof createEngine>>;

const PAGE = 'app://mobius/index.html';
const ERROR_CODE_SET = new Set<string>(ERROR_CODES);

let dir: string;
let dataDir: string;
let engine: Engine;
/** Every file path that reached an engine handler, with the operation. */
const reached: Array<{ op: string; path: string }> = [];
const files: Record<string, string> = {};
let brandId = '';
let assetId = '';
let storedName = '';

function senderEvent(url: string, sameFrame = true) {
  const mainFrame = { url };
  return { senderFrame: sameFrame ? mainFrame : { url }, sender: { mainFrame } };
}

/** As main resolves (the native realpath: "file.png/" is not a file). */
function realOrNull(file: string): string | null {
  try {
    return realpathSync.native(file);
  } catch {
    return null;
  }
}

/** A second, read-only connection: its `data_version` changes whenever the engine commits anything. */
let watcher: DatabaseConnection | undefined;

/** What would show that a call wrote something: the database's commit counter and the stored files. */
function fingerprint(): string {
  const version = watcher!.pragma('data_version', { simple: true }) as number;
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(folder, e.name)) : [`${path.join(folder, e.name)}:${statSync(path.join(folder, e.name)).size}`]));
  return `${version}\n${walk(path.join(dataDir, 'files')).sort().join('\n')}`;
}

/** A coded error, or a value the contract's response schema accepts. */
function checkResult(op: string, result: unknown): Result<unknown> {
  expect(result).toBeTypeOf('object');
  const r = result as Result<unknown>;
  if (r.ok) {
    expect(r.ok).toBe(true);
    if (isOperationName(op)) OPERATIONS[op].response.parse(r.value);
  } else {
    ErrorPayload.parse(r.error);
    expect(ERROR_CODE_SET.has(r.error.code)).toBe(true);
  }
  return r;
}

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mobius-hostile-')));
  dataDir = path.join(dir, 'data');
  // Read-only secrets: no key can be set, so no generation job runs in the background between calls.
  engine = await createEngine({
    dataDir,
    env: { MOBIUS_OFFLINE: '1' },
    secrets: new EnvSecretStore({}),
    ocr: false,
    openFileDialog: async () => files['chosen']!,
  });
  for (const op of OPERATION_NAMES) {
    const handler = engine.handlers[op] as (request: unknown) => Promise<unknown>;
    (engine.handlers as Record<string, unknown>)[op] = (request: { path?: unknown }) => {
      if (typeof request?.path === 'string') reached.push({ op, path: request.path });
      return handler(request);
    };
  }
  // The user's files: some given to Mobius, one secret next to them, links that try to alias it.
  mkdirSync(path.join(dir, 'home'), { recursive: true });
  const image = await png(onBrand(64, 64));
  files['png'] = path.join(dir, 'home', 'poster.png');
  files['chosen'] = path.join(dir, 'home', 'chosen.png');
  files['brand'] = path.join(dir, 'home', 'brand.json');
  files['secret'] = path.join(dir, 'home', 'id_rsa');
  files['secretPdf'] = path.join(dir, 'home', 'private.pdf');
  writeFileSync(files['png'], image);
  writeFileSync(files['chosen'], image);
  writeFileSync(files['brand'], readFileSync(path.join(import.meta.dirname, '../../fixtures/brands/mobius-legacy-brand.json')));
  writeFileSync(files['secret'], '-----BEGIN OPENSSH PRIVATE KEY-----');
  writeFileSync(files['secretPdf'], '%PDF-1.7 private');
  files['link'] = path.join(dir, 'home', 'innocent.pdf');
  symlinkSync(files['secret'], files['link']);

  const imported = await dispatch(engine, 'brands.import', { path: files['brand'] });
  if (!imported.ok) throw new Error(imported.error.message);
  brandId = (imported.value as { brand_id: string }).brand_id;
  const audited = await dispatch(engine, 'assets.importAndAudit', { brand_id: brandId, path: files['png'] });
  if (!audited.ok) throw new Error(audited.error.message);
  assetId = (audited.value as { asset: { asset_id: string } }).asset.asset_id;
  storedName = (audited.value as { image_url: string }).image_url.split('/').pop()!;
  reached.length = 0;
  watcher = new Database(path.join(dataDir, 'mobius.db'), { readonly: true, fileMustExist: true });
}, 60_000);

afterAll(async () => {
  watcher?.close();
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- arbitraries -------------------------------------------------------------------------

const forgedPath = () =>
  fc.oneof(
    fc.constantFrom(
      '/etc/passwd',
      '/etc/shadow',
      path.join(dataDir, 'mobius.db'),
      files['secret']!,
      files['secretPdf']!,
      files['link']!,
      `${files['png']}/`,
      files['png']!.replace('/home/', '/home//'),
      files['png']!.replace('/home/', '/home/./'),
      `${files['png']}\u0000.pdf`,
      '\\\\evil.example\\share\\brand.pdf',
      '//evil.example/share/brand.pdf',
      '\\\\?\\C:\\Windows\\win.ini',
      '../../data/mobius.db',
      'C:\\Users\\me\\brand.pdf',
      'file:///etc/passwd',
      '',
    ),
    fc.string({ maxLength: 40 }).map((s) => `/${s}`),
    fc.string({ minLength: 4000, maxLength: 5000 }).map((s) => `/${s}`),
  );

const someId = () => fc.oneof(fc.constantFrom(brandId, assetId, 'missing', '', 'x'.repeat(201)), fc.string({ maxLength: 30 }));

const value = () =>
  fc.oneof(
    someId(),
    forgedPath(),
    fc.constantFrom(files['png']!, files['chosen']!, files['brand']!),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('pdf', 'image', 'brand', 'mobius', 'tokens', 'css', 'approve', 'tweak', 'reject', 'regenerate', 'not_applicable', 'incorrect_assessment'),
    fc.jsonValue({ maxDepth: 3 }),
  );

const KEYS = ['brand_id', 'asset_id', 'job_id', 'ingest_id', 'audit_id', 'path', 'kind', 'format', 'value', 'name', 'note', 'prompt', 'action', 'reason', 'violation_id', 'guidelines', 'base_version', 'compliance_threshold', 'gemini_base_url', '__proto__', 'constructor'];

const payload = () =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...KEYS), value(), { maxKeys: 6 }),
    fc.anything({ maxDepth: 3 }),
    fc.constantFrom(undefined, null, 'brand', 42, [], JSON.parse('{"__proto__": {"polluted": true}}')),
  );

const sender = () =>
  fc.constantFrom(
    { trusted: true, event: senderEvent(PAGE) },
    { trusted: true, event: senderEvent(`${PAGE}#/brand/x`) },
    { trusted: true, event: senderEvent(`${PAGE}?x=1#/settings`) },
    { trusted: true, event: senderEvent(PAGE) },
    { trusted: false, event: senderEvent('https://evil.example/') },
    { trusted: false, event: senderEvent('file:///tmp/index.html') },
    { trusted: false, event: senderEvent('app://mobius.evil/index.html') },
    { trusted: false, event: senderEvent('app://mobius/other.html') },
    { trusted: false, event: senderEvent(PAGE, false) },
    { trusted: false, event: { senderFrame: null, sender: { mainFrame: null } } },
  );

/** Well-formed requests of the operations that open a file, with a forged or given path. */
const fileRequest = () =>
  fc.oneof(
    fc.record({ op: fc.constant('brands.ingest' as const), request: fc.record({ path: anyPath(), ingest_id: fc.constantFrom('i1', 'i2') }) }),
    fc.record({ op: fc.constant('brands.import' as const), request: fc.record({ path: anyPath() }) }),
    fc.record({ op: fc.constant('assets.importAndAudit' as const), request: fc.record({ brand_id: fc.constant(brandId), path: anyPath() }) }),
  );

const anyPath = () => fc.oneof({ weight: 1, arbitrary: forgedPath() }, { weight: 2, arbitrary: fc.constantFrom(files['png']!, files['brand']!, files['chosen']!, files['secretPdf']!) });

/** Requests a working renderer sends, so the fuzz also walks the success paths. */
const validRequest = () =>
  fc.constantFrom(
    { op: 'brands.list', request: {} },
    { op: 'brands.get', request: { brand_id: brandId } },
    { op: 'brands.export', request: { brand_id: brandId, format: 'tokens' } },
    { op: 'assets.list', request: { brand_id: brandId } },
    { op: 'assets.get', request: { asset_id: assetId } },
    { op: 'assets.dismissFinding', request: { asset_id: assetId, violation_id: 'none', reason: 'not_applicable' } },
    { op: 'jobs.list', request: {} },
    { op: 'settings.get', request: {} },
    { op: 'settings.update', request: { compliance_threshold: 0.75 } },
    { op: 'settings.update', request: { compliance_threshold: 7 } },
    { op: 'secrets.has', request: {} },
    { op: 'secrets.set', request: { value: 'AIzaSyFUZZ-not-a-key_0123456789abcdefgh' } },
    { op: 'network.status', request: {} },
    { op: 'dialog.openFile', request: { kind: 'image' } },
  ) as fc.Arbitrary<{ op: (typeof OPERATION_NAMES)[number]; request: unknown }>;

const step = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), valid: validRequest(), from: sender() }).map(({ kind, valid, from }) => ({ kind, op: valid.op, request: valid.request, from })) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('call' as const), op: fc.constantFrom(...OPERATION_NAMES), request: payload(), from: sender() }) },
    { weight: 3, arbitrary: fileRequest().chain((r) => fc.record({ kind: fc.constant('call' as const), op: fc.constant(r.op), request: fc.constant(r.request), from: sender() })) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('grant' as const), path: anyPath(), from: fc.oneof(sender(), sender().filter((s) => s.trusted)) }) },
    // The common case of a real session: a drop announced by our page, then used by some operation.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(files['png']!, files['brand']!, files['secretPdf']!), fileRequest(), sender())
        .chain(([given, r, from]) => fc.constant([{ kind: 'grant' as const, path: given, from: { trusted: true, event: senderEvent(PAGE) } }, { kind: 'call' as const, op: r.op, request: { ...r.request, path: given }, from }])),
    },
  );

// ---- main-process wrapper ----------------------------------------------------------------

describe('hostile renderer against the main-process IPC wrapper', () => {
  it('answers every operation with a valid result or a coded error, writes nothing on errors and opens only granted files', async () => {
    // The write detector itself: a real write must change the fingerprint.
    const idle = fingerprint();
    expect(fingerprint()).toBe(idle);
    await dispatch(engine, 'settings.update', { compliance_threshold: 0.8 });
    expect(fingerprint()).not.toBe(idle);
    let calls = 0;
    let errors = 0;
    type Step = { kind: 'grant'; path: string; from: { trusted: boolean; event: unknown } } | { kind: 'call'; op: (typeof OPERATION_NAMES)[number]; request: unknown; from: { trusted: boolean; event: unknown } };
    async function playSession(steps: Step[]): Promise<void> {
      /** Real paths a trusted drop granted and that were not used yet, as the model of PathGrants. */
      const granted = new Set<string>();
      for (const s of steps) {
        if (s.kind === 'grant') {
          const answer = await state.ipcHandlers.get(GRANT_PATH_CHANNEL)!(s.from.event, s.path);
          if (!s.from.trusted) expect(answer).toBe(false);
          // A drop the trusted page announces is accepted only for a real, regular file of a kind Mobius opens:
          // never the key file, its .pdf alias, a folder, a UNC or device path.
          const openable = [files['png'], files['brand'], files['chosen'], files['secretPdf']].includes(realOrNull(s.path) ?? '');
          expect(answer).toBe(s.from.trusted && openable);
          if (answer === true) granted.add(realpathSync(s.path));
          continue;
        }
        const before = fingerprint();
        const seen = reached.length;
        const result = checkResult(s.op, await state.ipcHandlers.get(invokeChannel(s.op))!(s.from.event, s.request));
        calls++;
        if (!s.from.trusted) expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: /did not come from the Mobius window/ } });
        if (!result.ok) {
          errors++;
          expect(fingerprint(), `${s.op} failed (${result.error.code}) but changed the library`).toBe(before);
        }
        if (s.op === 'dialog.openFile' && result.ok) granted.add(realpathSync(files['chosen']!));
        for (const { path: opened } of reached.slice(seen)) {
          expect(granted.has(opened), `${s.op} reached the engine with ${opened}`).toBe(true);
          granted.delete(opened);
        }
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.array(step(), { minLength: 1, maxLength: 8 }).map((list) => list.flat()), async (steps) => {
        // A fresh main process per run: grants never leak from one run into the next.
        const dispose = registerIpc(engine, { devServerUrl: undefined }, new PathGrants());
        try {
          await playSession(steps);
        } finally {
          dispose();
        }
      }),
      { numRuns: 200, seed: 1515, endOnFailure: true },
    );
    expect(calls).toBeGreaterThan(600);
    expect(errors).toBeGreaterThan(0);
    console.info(`main-process IPC fuzz: 200 sessions, ${calls} calls (${errors} refused or failed), ${reached.length} reached the engine with a file`);
    // The engine only ever saw files the page was given, never the key file or its alias.
    expect(reached.length).toBeGreaterThan(0);
    for (const { path: opened } of reached) expect([files['png'], files['brand'], files['chosen'], files['secretPdf']]).toContain(opened);
  }, 60_000);
});

// ---- development bridge ------------------------------------------------------------------

describe('hostile page against the development bridge', () => {
  let bridge: Awaited<ReturnType<typeof startBridge>>;
  let ws: WebSocket;
  const replies = new Map<number, unknown>();

  beforeAll(async () => {
    bridge = await startBridge({ engine, uploadDir: path.join(dir, 'uploads') });
    ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ipc?token=${bridge.token}`);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (typeof message.id === 'number') replies.set(message.id, message.result);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  });
  afterAll(async () => {
    ws?.close();
    await bridge?.close();
  });

  const send = async (message: unknown, id: number | null, raw = false): Promise<unknown> => {
    ws.send(raw ? (message as string) : JSON.stringify(message));
    if (id === null) return undefined;
    await vi.waitFor(() => expect(replies.has(id)).toBe(true), { timeout: 10_000, interval: 2 });
    return replies.get(id);
  };

  it('answers every message with an id, opens only uploaded files, writes nothing on errors and keeps serving', async () => {
    let id = 0;
    const uploaded = await fetch(`${bridge.origin}/upload?name=poster.png&token=${bridge.token}`, { method: 'POST', body: readFileSync(files['png']!) });
    const uploadPath = ((await uploaded.json()) as { path: string }).path;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ op: fc.oneof(fc.constantFrom(...OPERATION_NAMES), fc.string()), request: payload() }) },
          { weight: 3, arbitrary: fileRequest().chain((r) => fc.oneof(fc.constant(r), fc.constant({ ...r, request: { ...r.request, path: uploadPath } }))) },
          { weight: 1, arbitrary: fc.oneof(fc.string(), fc.jsonValue()).map((junk) => ({ junk })) },
        ),
        async (message) => {
          const seen = reached.length;
          const before = fingerprint();
          if ('junk' in message) {
            // Not a request at all: no answer, and the connection must survive.
            await send(typeof message.junk === 'string' ? message.junk : JSON.stringify(message.junk), null, true);
            return;
          }
          const result = checkResult(message.op, await send({ id: ++id, op: message.op, request: message.request }, id));
          if (!result.ok) expect(fingerprint(), `${message.op} failed but changed the library`).toBe(before);
          for (const { path: opened } of reached.slice(seen)) {
            expect(opened.startsWith(realpathSync(path.join(dir, 'uploads')) + path.sep), `bridge opened ${opened}`).toBe(true);
          }
        },
      ),
      { numRuns: 200, seed: 1516, endOnFailure: true },
    );
    expect(checkResult('brands.list', await send({ id: ++id, op: 'brands.list', request: {} }, id))).toMatchObject({ ok: true });
    console.info(`dev-bridge fuzz: 200 messages (${id} with an id), connection alive afterwards`);
  }, 60_000);

  it('regression (found by this suite): the bridge refused no path, so a page could make the engine read any file', async () => {
    const seen = reached.length;
    const result = await send({ id: 1_000_000, op: 'brands.import', request: { path: files['brand'] } }, 1_000_000);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: /only opens files uploaded through it/ } });
    const viaLink = path.join(dir, 'uploads', 'link.json');
    symlinkSync(files['brand']!, viaLink);
    expect(await send({ id: 1_000_001, op: 'brands.import', request: { path: viaLink } }, 1_000_001)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(reached.length).toBe(seen);
  });
});

// ---- protocols ---------------------------------------------------------------------------

const segment = () =>
  fc.oneof(
    fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '%2f', '%2F', '%5c', '%00', '\\', '//', 'files', 'mobius.db', 'logs', '%252e%252e'),
    fc.string({ maxLength: 12 }),
    fc.string({ minLength: 250, maxLength: 3000 }),
  );

describe('hostile URLs against mobius-asset://', () => {
  it('serves only stored files named by their digest, whatever the URL', async () => {
    const stored = realpathSync(engine.storedFilePath(storedName)!);
    // A link planted in the files folder under a digest name, with no row, is never served.
    const planted = `${'f'.repeat(64)}.png`;
    symlinkSync(files['secret']!, path.join(path.dirname(stored), planted));
    const url = fc.oneof(
      fc.array(segment(), { minLength: 1, maxLength: 5 }).map((parts) => `mobius-asset://files/${parts.join('/')}`),
      fc.constantFrom(storedName, planted, storedName.toUpperCase(), storedName.replace('.', '%2e'), `${storedName}/..`, `..%2f${storedName}`, `${storedName}?x=1`, `${storedName}#frag`).map((n) => `mobius-asset://files/${n}`),
      fc.tuple(fc.constantFrom('mobius-asset://', 'mobius-asset:///', 'app://', 'file://'), fc.string({ maxLength: 20 }), segment()).map(([s, host, p]) => `${s}${host}/${p}`),
      fc.string(),
    );
    let served = 0;
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const fetched = state.fetched.length;
        const response = await serveAsset(engine, u);
        if (response.status === 200) {
          served++;
          expect(state.fetched.slice(fetched)).toEqual([pathToFileURL(stored).toString()]);
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(state.fetched.length).toBe(fetched);
        }
      }),
      { numRuns: 2000, seed: 1517 },
    );
    expect((await serveAsset(engine, `mobius-asset://files/${storedName}`)).status).toBe(200);
    expect(served).toBeGreaterThan(0);
    console.info(`mobius-asset:// fuzz: 2000 URLs, ${served} served (all the stored file), the rest refused`);
  }, 30_000);
});

describe('hostile URLs against app://', () => {
  it('serves only files of the renderer folder', async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), 'INDEX');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'APP');
    const inside = new Set(['INDEX', 'APP']);
    const url = fc.oneof(
      fc.array(segment(), { minLength: 1, maxLength: 5 }).map((parts) => `app://mobius/${parts.join('/')}`),
      fc.constantFrom('app://mobius/', 'app://mobius/index.html', 'app://mobius/assets/app.js', 'app://mobius/assets/../index.html', 'app://mobius/assets%2f..%2findex.html'),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const response = await serveRenderer(rendererDir, u);
        if (response.status === 200) expect(inside.has(await response.text())).toBe(true);
        else expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 2000, seed: 1518 },
    );
  }, 30_000);
});
