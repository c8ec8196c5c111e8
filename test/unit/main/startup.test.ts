import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import type { createEngine as CreateEngine } from '../../../electron/core/app';

// electron/main/index.ts runs at import, like the real entry point: each test re-imports it
// against this stand-in for `electron` and a stand-in engine factory.
const state = vi.hoisted(() => ({
  isPackaged: true,
  lock: true,
  createEngine: (async () => ({})) as (options: { dataDir: string }) => Promise<unknown>,
  events: new Map<string, (...args: unknown[]) => void>(),
  windows: [] as Array<{ url?: string; devTools?: unknown }>,
  errorBoxes: [] as Array<[string, string]>,
  exits: [] as number[],
  quits: 0,
  ipc: [] as string[],
  protocols: [] as string[],
  defaultProtocolClients: [] as string[],
  ready: Promise.resolve(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    static getFocusedWindow = () => null;
    webContents = { setWindowOpenHandler: () => undefined, on: () => undefined };
    private readonly record: { url?: string; devTools?: unknown };
    constructor(options: { webPreferences: { devTools?: unknown } }) {
      this.record = { devTools: options.webPreferences.devTools };
      state.windows.push(this.record);
    }
    once() {}
    isMinimized() {
      return false;
    }
    focus() {}
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      getPath: (name: string) => `/home/me/.config/Mobius${name === 'userData' ? '' : `/${name}`}`,
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: () => state.lock,
      whenReady: () => state.ready,
      on: (name: string, fn: (...args: unknown[]) => void) => state.events.set(name, fn),
      quit: () => void state.quits++,
      exit: (code: number) => void state.exits.push(code),
      setAsDefaultProtocolClient: (scheme: string) => void state.defaultProtocolClients.push(scheme),
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => void state.errorBoxes.push([title, body]) },
    session: {
      defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, webRequest: { onHeadersReceived: () => undefined } },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) => void state.protocols.push(...schemes.map((s) => `privileged:${s.scheme}`)),
      handle: (scheme: string) => void state.protocols.push(`handle:${scheme}`),
    },
    ipcMain: { handle: (channel: string) => void state.ipc.push(channel), removeHandler: () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
    net: { fetch: () => Promise.resolve(new Response('')) },
    shell: { openExternal: () => Promise.resolve() },
  };
});

vi.mock('../../../electron/core/app', async () => {
  const events = await import('../../../electron/core/services/events');
  return {
    createEngine: (options: { dataDir: string }) => state.createEngine(options),
    EngineEvents: events.EngineEvents,
  };
});

function fakeEngine() {
  return { dataDir: '/d', events: { onAny: () => () => undefined }, handlers: {}, storedFilePath: () => null, close: async () => undefined };
}

/** Import the entry point and wait until start-up has settled: a window, an error dialog, or a quit. */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main/index');
  await vi.waitFor(
    () => {
      if (state.windows.length === 0 && state.errorBoxes.length === 0 && state.quits === 0) throw new Error('still starting');
    },
    { timeout: 10_000, interval: 5 },
  );
}

beforeEach(() => {
  Object.assign(state, { isPackaged: true, lock: true, windows: [], errorBoxes: [], exits: [], quits: 0, ipc: [], protocols: [], defaultProtocolClients: [] });
  state.events.clear();
  state.createEngine = async () => fakeEngine();
  delete process.env['ELECTRON_RENDERER_URL'];
});

describe('electron/main start-up', () => {
  it('opens the renderer from app://mobius with DevTools off when packaged, and registers no OS protocol', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://127.0.0.1:5173';
    await launch();
    expect(state.windows).toEqual([{ url: 'app://mobius/index.html', devTools: false }]);
    expect(state.protocols).toEqual(['privileged:app', 'privileged:mobius-asset', 'handle:app', 'handle:mobius-asset']);
    expect(state.defaultProtocolClients).toEqual([]);
    expect(state.ipc.length).toBeGreaterThan(20);
  });

  it('uses the dev server and DevTools only when not packaged', async () => {
    state.isPackaged = false;
    process.env['ELECTRON_RENDERER_URL'] = 'http://127.0.0.1:5173';
    await launch();
    expect(state.windows).toEqual([{ url: 'http://127.0.0.1:5173', devTools: true }]);
  });

  it.each([
    ['a database another copy has locked', new Error('SQLITE_BUSY: database is locked')],
    ['a database from a newer Mobius', new MobiusError('DATABASE_TOO_NEW', 'This library was written by a newer version of Mobius (schema 9).')],
    ['a native module built for another CPU', new Error("Cannot find module '@img/sharp-darwin-arm64/sharp.node'")],
  ])('shows %s in a native dialog with the data folder, opens no window, and exits', async (_what, error) => {
    state.createEngine = async () => {
      throw error;
    };
    await launch();
    expect(state.windows).toEqual([]);
    expect(state.ipc).toEqual([]);
    expect(state.errorBoxes).toHaveLength(1);
    const [title, body] = state.errorBoxes[0]!;
    expect(title).toBe('Mobius could not start');
    expect(body).toContain(error.message);
    expect(body).toContain('/home/me/.config/Mobius');
    expect(body).toContain(path.join('/home/me/.config/Mobius', 'logs'));
    // Exiting releases the single-instance lock, so the next launch starts afresh.
    expect(state.exits).toEqual([1]);
  });

  it('a second launch focuses the window, or opens one when none is left', async () => {
    await launch();
    expect(state.windows).toHaveLength(1);
    state.windows.length = 0;
    state.events.get('second-instance')!();
    expect(state.windows).toHaveLength(1);
  });

  it('a second copy quits at once while the first holds the lock', async () => {
    state.lock = false;
    await launch();
    expect(state.quits).toBe(1);
    expect(state.windows).toEqual([]);
  });
});

describe('the engine starts without waiting for the keychain', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mobius-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resolves while a locked keyring has not answered; the status then says why', async () => {
    const { createEngine } = await vi.importActual<{ createEngine: typeof CreateEngine }>('../../../electron/core/app');
    const { KeychainSecretStore } = await import('../../../electron/core/secrets');
    // The keyring answers only when the test says so: if start-up waited for it, this test would hang.
    let answer!: (error: Error) => void;
    const locked = new Promise<never>((_, reject) => (answer = reject));
    const keyring = async () => ({ getPassword: () => locked, setPassword: async () => undefined, deletePassword: async () => false });
    const secrets = new KeychainSecretStore({ loaders: { keytar: keyring, keyring }, timeoutMs: 60_000 });
    const engine = await createEngine({ dataDir, secrets, env: { MOBIUS_OFFLINE: '1' }, ocr: false });
    try {
      const status = engine.handlers['secrets.has']({});
      answer(new Error('The keyring is locked'));
      expect(await status).toMatchObject({ has_key: false, keychain: { state: 'unavailable' }, problem: expect.stringMatching(/keyring is locked/) });
    } finally {
      await engine.close();
    }
  });
});
