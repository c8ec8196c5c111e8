import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridgeHost, type BridgeHost } from '../../../electron/core/bridge';
import { MemorySecretStore } from '../../../electron/core/secrets';

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, op: string, request: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, op, request }));
  });
}

describe('development bridge', () => {
  let host: BridgeHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-bridge-'));
    const staticDir = path.join(dir, 'static');
    await import('node:fs/promises').then((fs) => fs.mkdir(staticDir));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Mobius</title>');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    host = await startBridgeHost({ dataDir: path.join(dir, 'data'), env: { MOBIUS_OFFLINE: '1' }, secrets: new MemorySecretStore(), staticDir, ocr: false });
  });
  afterAll(() => host?.close());

  it('binds to 127.0.0.1 and serves the contract over a token-checked WebSocket', async () => {
    const { bridge } = host;
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ws = await connect(`ws://127.0.0.1:${bridge.port}/ipc?token=${bridge.token}`);
    expect(await call(ws, 1, 'brands.list', {})).toEqual({ ok: true, value: [] });
    expect(await call(ws, 2, 'brands.get', { brand_id: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(ws, 3, 'secrets.set', { value: 'AIzaSyBridgeTestKey0123456789abcdefghij' })).toEqual({ ok: true, value: { has_key: true, source: 'memory', keychain: null } });
    ws.close();
    await expect(connect(`ws://127.0.0.1:${bridge.port}/ipc?token=wrong`)).rejects.toThrow();
    await expect(connect(`ws://127.0.0.1:${bridge.port}/ipc?token=${bridge.token}`, { Origin: 'https://evil.example' })).rejects.toThrow();
  });

  it('accepts uploads and serves files only with the token, static files only inside the root', async () => {
    const { bridge } = host;
    const denied = await fetch(`${bridge.origin}/upload?name=a.pdf`, { method: 'POST', body: 'x' });
    expect(denied.status).toBe(403);
    const up = await fetch(`${bridge.origin}/upload?name=../../a.pdf&token=${bridge.token}`, { method: 'POST', body: '%PDF-1.7' });
    const { path: uploaded } = (await up.json()) as { path: string };
    expect(path.basename(uploaded)).toBe('a.pdf');
    expect(uploaded.startsWith(tmpdir())).toBe(true);
    expect((await fetch(`${bridge.origin}/files/${'a'.repeat(64)}.png?token=${bridge.token}`)).status).toBe(404);
    expect((await fetch(`${bridge.origin}/files/${'a'.repeat(64)}.png`)).status).toBe(403);
    expect(await (await fetch(`${bridge.origin}/`)).text()).toContain('<title>Mobius</title>');
    expect((await fetch(`${bridge.origin}/..%2fsecret.txt`)).status).toBe(404);
  });
});
