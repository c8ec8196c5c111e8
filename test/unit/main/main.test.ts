import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real `electron` module is never imported in tests: this stand-in records what main does with it.
const state = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; handlers: Record<string, (...args: unknown[]) => void>; openHandler?: (d: { url: string }) => unknown; loaded?: string }>,
  ipcHandlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  openExternal: [] as string[],
  netFetch: [] as string[],
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, (...args: unknown[]) => void>(),
  invoked: [] as Array<[string, unknown]>,
  grantAnswer: true as unknown,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    static getFocusedWindow = () => null;
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record: (typeof state.windows)[number] = { options, handlers: {} };
      state.windows.push(record);
      this.webContents = {
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (record.openHandler = fn),
        on: (name: string, fn: (...args: unknown[]) => void) => (record.handlers[name] = fn),
      };
    }
    once() {}
    loadURL(url: string) {
      state.windows.at(-1)!.loaded = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      state.windows.at(-1)!.loaded = file;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: (url: string) => (state.openExternal.push(url), Promise.resolve()) },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, request: unknown) => Promise<unknown>) => state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    net: { fetch: (url: string) => (state.netFetch.push(url), Promise.resolve(new Response('bytes'))) },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
    dialog: {},
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => (
        state.invoked.push([channel, request]), Promise.resolve(channel === 'mobius:grant-path' ? state.grantAnswer : { ok: true, value: null })
      ),
      on: (channel: string, fn: (...args: unknown[]) => void) => state.rendererListeners.set(channel, fn),
      removeListener: (channel: string) => state.rendererListeners.delete(channel),
    },
    webUtils: { getPathForFile: () => '/dropped/brand.pdf' },
  };
});

import { createMainWindow, SECURE_WEB_PREFERENCES } from '../../../electron/main/window';
import { registerIpc } from '../../../electron/main/ipc';
import { APP_INDEX_URL, isSafeExternalUrl, isTrustedSender } from '../../../electron/main/security';
import { serveAsset } from '../../../electron/main/protocol';
import { menuTemplate } from '../../../electron/main/menu';
import { EngineEvents, type Engine } from '../../../electron/core/app';
import { GRANT_PATH_CHANNEL, OPERATION_NAMES, invokeChannel } from '../../../shared/ipc';

const ORIGIN = { devServerUrl: undefined };
const PAGE = 'app://mobius/index.html';

function fakeEngine(): { engine: Engine; calls: unknown[] } {
  const calls: unknown[] = [];
  const handlers = Object.fromEntries(OPERATION_NAMES.map((op) => [op, async (req: unknown) => (calls.push([op, req]), [])]));
  return {
    calls,
    engine: { dataDir: '/d', events: new EngineEvents(), handlers, storedFilePath: () => null, close: async () => undefined } as unknown as Engine,
  };
}

function senderEvent(url: string, { sameFrame = true } = {}) {
  const mainFrame = { url };
  return { senderFrame: sameFrame ? mainFrame : { url }, sender: { mainFrame } };
}

describe('main window', () => {
  beforeEach(() => {
    state.windows.length = 0;
    state.openExternal.length = 0;
  });

  it('creates every window with contextIsolation, sandbox and no Node integration', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_INDEX_URL, devTools: false });
    createMainWindow({ preload: '/p.cjs', url: 'http://localhost:5173', devTools: true });
    expect(state.windows).toHaveLength(2);
    for (const w of state.windows) {
      const prefs = w.options['webPreferences'] as Record<string, unknown>;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, preload: '/p.cjs' });
      expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES);
    }
  });

  it('loads the packaged renderer from app://mobius (never file://) with DevTools off', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_INDEX_URL, devTools: false });
    const w = state.windows[0]!;
    expect(w.loaded).toBe('app://mobius/index.html');
    expect((w.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(false);
  });

  it('denies navigation and window.open; only https goes to the browser', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_INDEX_URL, devTools: false });
    const w = state.windows[0]!;
    const event = { preventDefault: vi.fn() };
    w.handlers['will-navigate']!(event, 'https://evil.example');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(w.openHandler!({ url: 'https://mobius.example/help' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(state.openExternal).toEqual(['https://mobius.example/help']);
    expect(isSafeExternalUrl('http://x.example')).toBe(false);
  });
});

describe('IPC handler wrapper', () => {
  beforeEach(() => state.ipcHandlers.clear());

  it('registers one handler per operation', () => {
    registerIpc(fakeEngine().engine, ORIGIN);
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...OPERATION_NAMES.map(invokeChannel), GRANT_PATH_CHANNEL].sort());
  });

  it('opens only files the user dropped or chose, each once, for the operation that opens that kind of file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-grants-'));
    try {
      const pdf = path.join(dir, 'Brand Guidelines.pdf');
      const png = path.join(dir, 'chosen.png');
      const secret = path.join(dir, 'id_rsa');
      for (const file of [pdf, png, secret]) writeFileSync(file, 'x');
      const { engine, calls } = fakeEngine();
      (engine.handlers as Record<string, unknown>)['dialog.openFile'] = async () => ({ path: png });
      registerIpc(engine, ORIGIN);
      const ok = senderEvent(PAGE);
      const ingest = state.ipcHandlers.get(invokeChannel('brands.ingest'))!;
      const audit = state.ipcHandlers.get(invokeChannel('assets.importAndAudit'))!;
      const grant = state.ipcHandlers.get(GRANT_PATH_CHANNEL)!;

      expect(await ingest(ok, { path: secret, ingest_id: 'i0' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: /drop onto it/ } });
      // Main refuses to grant what Mobius never opens, and a foreign frame cannot grant anything.
      expect(await grant(ok, secret)).toBe(false);
      expect(await grant(senderEvent('https://evil.example/'), pdf)).toBe(false);
      expect(await ingest(ok, { path: pdf, ingest_id: 'i1' })).toMatchObject({ ok: false });
      expect(calls).toHaveLength(0);

      expect(await grant(ok, pdf)).toBe(true);
      // The PDF cannot be used as an image, and the attempt uses up the grant.
      expect(await audit(ok, { brand_id: 'b', path: pdf })).toMatchObject({ ok: false, error: { code: 'INVALID_FILE_TYPE' } });
      expect(await grant(ok, pdf)).toBe(true);
      expect(await ingest(ok, { path: path.join(dir, 'other', '..', 'Brand Guidelines.pdf'), ingest_id: 'i2' })).toMatchObject({ ok: true });
      // Single use: the same path again needs a new drop.
      expect(await ingest(ok, { path: pdf, ingest_id: 'i3' })).toMatchObject({ ok: false, error: { message: /Drop the file again/ } });

      expect(await audit(ok, { brand_id: 'b', path: png })).toMatchObject({ ok: false });
      expect(await state.ipcHandlers.get(invokeChannel('dialog.openFile'))!(ok, { kind: 'image' })).toMatchObject({ ok: true });
      expect(await audit(ok, { brand_id: 'b', path: png })).toMatchObject({ ok: true });
      // The engine received the resolved real path, never the string the renderer sent.
      expect(calls).toEqual([
        ['brands.ingest', { path: realpathSync(pdf), ingest_id: 'i2' }],
        ['assets.importAndAudit', { brand_id: 'b', path: realpathSync(png) }],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers our main frame on app://mobius and rejects sub-frames, other origins and file://', async () => {
    const { engine, calls } = fakeEngine();
    registerIpc(engine, ORIGIN);
    const list = state.ipcHandlers.get(invokeChannel('brands.list'))!;
    expect(await list(senderEvent(`${PAGE}#/brands`), {})).toEqual({ ok: true, value: [] });
    for (const event of [
      senderEvent(PAGE, { sameFrame: false }),
      senderEvent('https://evil.example/'),
      senderEvent('file:///app/out/renderer/index.html'),
      senderEvent('app://mobius.evil/index.html'),
      senderEvent('app://mobius/other.html'),
      senderEvent('mobius-asset://files/index.html'),
      { senderFrame: null, sender: { mainFrame: null } },
    ]) {
      expect(await list(event, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(calls).toHaveLength(1);
    expect(isTrustedSender({ url: 'http://localhost:5173/#/x' }, null, { devServerUrl: 'http://localhost:5173' })).toBe(false);
  });

  it('rejects malformed payloads with VALIDATION before the engine sees them', async () => {
    const { engine, calls } = fakeEngine();
    registerIpc(engine, ORIGIN);
    const ok = senderEvent(PAGE);
    const get = state.ipcHandlers.get(invokeChannel('brands.get'))!;
    expect(await get(ok, { brand_id: 7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await get(ok, 'brand')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const dismiss = state.ipcHandlers.get(invokeChannel('assets.dismissFinding'))!;
    expect(await dismiss(ok, { asset_id: 'a', violation_id: 'v', reason: 'because' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toHaveLength(0);
    expect(await get(ok, { brand_id: 'b1' })).toEqual({ ok: true, value: [] });
  });

  it('maps thrown errors to the envelope', async () => {
    const { engine } = fakeEngine();
    (engine.handlers as Record<string, unknown>)['brands.list'] = async () => {
      throw new Error('disk exploded at /home/me');
    };
    registerIpc(engine, ORIGIN);
    const result = await state.ipcHandlers.get(invokeChannel('brands.list'))!(senderEvent(PAGE), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/home/me');
  });
});

describe('mobius-asset protocol', () => {
  it('serves only known stored files', async () => {
    const sha = 'a'.repeat(64);
    const engine = { storedFilePath: (name: string) => (name === `${sha}.png` ? `/data/files/aa/${sha}.png` : null) };
    expect((await serveAsset(engine, `mobius-asset://files/${sha}.png`)).status).toBe(200);
    expect(state.netFetch.at(-1)).toBe(`file:///data/files/aa/${sha}.png`);
    for (const url of ['mobius-asset://files/../mobius.db', 'mobius-asset://other/x.png', `mobius-asset://files/${'b'.repeat(64)}.png`, 'mobius-asset://files/%2e%2e%2fmobius.db']) {
      expect((await serveAsset(engine, url)).status).toBe(404);
    }
  });
});

describe('menu', () => {
  const actions = { importPdf: () => undefined, openSettings: () => undefined };

  it('has standard roles and shortcuts', () => {
    const json = JSON.stringify(menuTemplate('linux', actions, { packaged: true }));
    expect(json).toContain('"role":"editMenu"');
    expect(json).toContain('CmdOrCtrl+O');
    expect(json).toContain('CmdOrCtrl+,');
    expect(json).toContain('"role":"zoomIn"');
  });

  it('offers reload and DevTools only while developing, never in a packaged app', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = JSON.stringify(menuTemplate(platform, actions, { packaged: true }));
      for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(packaged).not.toContain(`"role":"${role}"`);
      expect(JSON.stringify(menuTemplate(platform, actions, { packaged: false }))).toContain('"role":"toggleDevTools"');
    }
  });
});

describe('preload', () => {
  it('exposes one function per operation and on(); never ipcRenderer', async () => {
    await import('../../../electron/preload/index');
    const api = state.exposed.get('mobius') as Record<string, Record<string, (r?: unknown) => Promise<unknown>>> & {
      on: (e: string, cb: (p: unknown) => void) => () => void;
      pathForFile: (f: unknown) => Promise<string>;
    };
    expect(api).toBeDefined();
    for (const op of OPERATION_NAMES) {
      const [ns, method] = op.split('.') as [string, string];
      expect(typeof api[ns]![method]).toBe('function');
    }
    expect(JSON.stringify(Object.keys(api))).not.toContain('ipcRenderer');
    await api['brands']!['get']!({ brand_id: 'b' });
    expect(state.invoked.at(-1)).toEqual(['mobius:brands.get', { brand_id: 'b' }]);

    const seen: unknown[] = [];
    const off = api.on('ingest.progress', (p) => seen.push(p));
    state.rendererListeners.get('mobius:event:ingest.progress')!({ sender: 'secret' }, { percent: 10 });
    expect(seen).toEqual([{ percent: 10 }]);
    off();
    expect(state.rendererListeners.has('mobius:event:ingest.progress')).toBe(false);
    expect(api.on('not.an.event', () => undefined)).toBeTypeOf('function');
    expect(state.rendererListeners.size).toBe(0);
    // The drop is announced to main, which decides; the path is handed back only when main accepted it.
    state.grantAnswer = true;
    expect(await api.pathForFile({})).toBe('/dropped/brand.pdf');
    expect(state.invoked.at(-1)).toEqual([GRANT_PATH_CHANNEL, '/dropped/brand.pdf']);
    state.grantAnswer = false;
    await expect(api.pathForFile({})).rejects.toThrow(/PDF, PNG, JPEG, WebP/);
  });
});
