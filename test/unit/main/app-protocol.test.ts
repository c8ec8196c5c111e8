import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serveRenderer } from '../../../electron/main/app-protocol';
import { ALLOWED_PERMISSION, CONTENT_SECURITY_POLICY, hardenSession, isPermissionAllowed } from '../../../electron/main/security';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-renderer-'));
const rendererDir = path.join(dir, 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mobius</title>');
writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(path.join(dir, 'mobius.db'), 'SQLite format 3');
mkdirSync(path.join(rendererDir, 'folder.js'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// serves the built renderer and nothing else', () => {
  it('serves index.html and assets with the CSP header and nosniff', async () => {
    for (const url of ['app://mobius/', 'app://mobius/index.html', 'app://mobius/index.html?x=1#/brands']) {
      const response = await serveRenderer(rendererDir, url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = await serveRenderer(rendererDir, 'app://mobius/assets/index-abc.js');
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'app://mobius/../mobius.db',
    'app://mobius/%2e%2e/mobius.db',
    'app://mobius/assets%2f..%2f..%2fmobius.db',
    'app://mobius/assets%5c..%5c..%5cmobius.db',
    'app://mobius/..%5cmobius.db',
    'app://mobius/index.html%00.js',
    'app://mobius/%E0%A4%A',
    'app://other/index.html',
    'mobius-asset://mobius/index.html',
    'file:///etc/passwd',
    'app://mobius/assets/',
    'app://mobius/folder.js',
    'app://mobius/missing.js',
    'not a url',
  ])('refuses %s', async (url) => {
    const response = await serveRenderer(rendererDir, url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('SQLite');
  });

  it('refuses file types the renderer never ships, even inside its folder', async () => {
    writeFileSync(path.join(rendererDir, 'leak.db'), 'x');
    symlinkSync(path.join(dir, 'mobius.db'), path.join(rendererDir, 'linked.db'));
    expect((await serveRenderer(rendererDir, 'app://mobius/leak.db')).status).toBe(404);
    expect((await serveRenderer(rendererDir, 'app://mobius/linked.db')).status).toBe(404);
  });
});

describe('Content-Security-Policy', () => {
  it('is the same policy as header and as the meta tag, and closes frames, plugins and <base>', () => {
    const html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of ["frame-src 'none'", "object-src 'none'", "base-uri 'none'", "script-src 'self'", "form-action 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('permissions', () => {
  const packaged = { devServerUrl: undefined };

  it('allows exactly the clipboard write for our own main frame', () => {
    expect(isPermissionAllowed(ALLOWED_PERMISSION, 'app://mobius/index.html#/brand/1', true, packaged)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://mobius/index.html', false, packaged)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', true, packaged)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///app/index.html', true, packaged)).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'fileSystem', 'hid', 'usb', 'serial']) {
      expect(isPermissionAllowed(permission, 'app://mobius/index.html', true, packaged), permission).toBe(false);
    }
    expect(isPermissionAllowed(ALLOWED_PERMISSION, 'http://localhost:5173/', true, { devServerUrl: 'http://localhost:5173' })).toBe(true);
  });

  it('wires the allow-list into the session handlers and sends the CSP header elsewhere', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: never) => (handlers['request'] = fn),
      setPermissionCheckHandler: (fn: never) => (handlers['check'] = fn),
      webRequest: { onHeadersReceived: (fn: never) => (handlers['headers'] = fn) },
    };
    hardenSession(session as never, packaged);
    const callback = vi.fn();
    const request = handlers['request'] as unknown as (w: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void;
    request(null, 'clipboard-sanitized-write', callback, { requestingUrl: 'app://mobius/index.html', isMainFrame: true });
    request(null, 'media', callback, { requestingUrl: 'app://mobius/index.html', isMainFrame: true });
    expect(callback.mock.calls).toEqual([[true], [false]]);
    const check = handlers['check'] as unknown as (w: unknown, p: string, o: string, d: unknown) => boolean;
    expect(check(null, 'clipboard-sanitized-write', 'app://mobius', { requestingUrl: 'app://mobius/index.html', isMainFrame: true })).toBe(true);
    expect(check(null, 'clipboard-read', 'app://mobius', { requestingUrl: 'app://mobius/index.html', isMainFrame: true })).toBe(false);
    const headers = vi.fn();
    (handlers['headers'] as unknown as (d: unknown, cb: typeof headers) => void)({ responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
