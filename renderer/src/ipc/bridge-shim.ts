import { buildOperations, type MobiusApi } from '../../../shared/ipc/api';
import { OPERATION_NAMES, type EventName, type OperationName } from '../../../shared/ipc/names';
import type { Result } from '../../../shared/ipc/result';

const TOKEN_KEY = 'mobius.bridge.token';
const HOST_KEY = 'mobius.bridge.host';

/**
 * Where the bridge is: `#token=…` (page served by the bridge) or
 * `?bridge=127.0.0.1:PORT&token=…` (vite dev server), remembered for reloads.
 */
export function bridgeConfig(location: Pick<Location, 'hash' | 'search' | 'host'>, storage: Pick<Storage, 'getItem' | 'setItem'>): { host: string; token: string } | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const search = new URLSearchParams(location.search);
  const token = hash.get('token') ?? search.get('token') ?? storage.getItem(TOKEN_KEY);
  const host = search.get('bridge') ?? storage.getItem(HOST_KEY) ?? location.host;
  if (!token) return null;
  storage.setItem(TOKEN_KEY, token);
  storage.setItem(HOST_KEY, host);
  return { host, token };
}

const ACCEPT = {
  pdf: '.pdf,application/pdf',
  image: 'image/png,image/jpeg,image/webp',
  brand: '.json,application/json',
  logo: '.svg,.png,.pdf,.jpg,.jpeg,.webp,image/svg+xml,image/png,image/jpeg,image/webp,application/pdf',
} as const;

/** `window.mobius` for a normal browser: the same contract over the development bridge's WebSocket. */
export function createBridgeApi(config: { host: string; token: string }): MobiusApi {
  const base = `http://${config.host}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  function open(): Promise<WebSocket> {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${config.host}/ipc?token=${encodeURIComponent(config.token)}`);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('bridge unreachable'));
      ws.onclose = () => {
        socket = null;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle({ ok: false, error: { code: 'INTERNAL', message: 'Lost the connection to the Mobius engine. Is `npm run dev:web` still running?' } });
        }
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
        if (typeof data.id === 'number' && data.result) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else if (data.event) {
          for (const fn of listeners.get(data.event) ?? []) fn(data.payload);
        }
      };
    });
    return socket;
  }

  async function upload(file: File): Promise<string> {
    const res = await fetch(`${base}/upload?name=${encodeURIComponent(file.name)}&token=${encodeURIComponent(config.token)}`, { method: 'POST', body: file });
    if (!res.ok) throw new Error(res.status === 413 ? 'This file is too large.' : 'The file could not be sent to the Mobius engine.');
    return ((await res.json()) as { path: string }).path;
  }

  function pickFile(kind: keyof typeof ACCEPT): Promise<File | null> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = ACCEPT[kind];
      input.onchange = () => resolve(input.files?.[0] ?? null);
      input.oncancel = () => resolve(null);
      input.click();
    });
  }

  async function invoke(op: OperationName, request: unknown): Promise<Result<unknown>> {
    if (op === 'dialog.openFile') {
      // No native dialog in a browser: a file input, uploaded like a drop.
      const kind = (request as { kind: keyof typeof ACCEPT }).kind;
      const file = await pickFile(kind);
      return { ok: true, value: { path: file ? await upload(file) : null } };
    }
    let ws: WebSocket;
    try {
      ws = await open();
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Cannot reach the Mobius engine. Start it with `npm run dev:web`.' } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, op, request }));
    });
  }

  void open().catch(() => undefined);
  return {
    ...buildOperations(OPERATION_NAMES, invoke as (op: OperationName, request: unknown) => Promise<unknown>),
    runtime: 'bridge',
    on(event: EventName, listener: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    pathForFile: upload,
  } as MobiusApi;
}
