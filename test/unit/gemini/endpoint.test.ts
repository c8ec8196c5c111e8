import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GOOGLE_GEMINI_ENDPOINT, probeEndpoint, resolveEndpoint } from '../../../electron/core/gemini/endpoint';
import { SettingsService } from '../../../electron/core/settings';

const storage = (values: Record<string, unknown> = {}) => {
  const data = { ...values };
  return { getAll: () => ({ ...data }), setMany: (v: Record<string, unknown>) => void Object.assign(data, v) };
};

describe('the one Gemini endpoint precedence: environment, then the setting, then Google', () => {
  it('prefers MOBIUS_GEMINI_BASE_URL, then the saved setting, then Google, without trailing slashes', () => {
    const env = { MOBIUS_GEMINI_BASE_URL: ' http://127.0.0.1:4010/ ' };
    expect(resolveEndpoint('https://proxy.example.com/', env).endpoint).toEqual({ baseUrl: 'http://127.0.0.1:4010', url: 'http://127.0.0.1:4010', source: 'environment' });
    expect(resolveEndpoint('https://proxy.example.com/', {}).endpoint).toEqual({ baseUrl: 'https://proxy.example.com', url: 'https://proxy.example.com', source: 'settings' });
    expect(resolveEndpoint(null, {}).endpoint).toEqual({ baseUrl: null, url: GOOGLE_GEMINI_ENDPOINT, source: 'default' });
  });

  it('ignores an environment value that is not an http(s) URL, with a warning, and falls through', () => {
    const { endpoint, warning } = resolveEndpoint('https://proxy.example.com', { MOBIUS_GEMINI_BASE_URL: 'ftp://x' });
    expect(endpoint.source).toBe('settings');
    expect(warning).toMatch(/MOBIUS_GEMINI_BASE_URL .*ignored/);
  });

  it('a policy that refuses the environment uses only the saved setting', () => {
    const env = { MOBIUS_GEMINI_BASE_URL: 'http://127.0.0.1:4010' };
    expect(resolveEndpoint('https://proxy.example.com', env, { allowEnvironment: false }).endpoint.source).toBe('settings');
    expect(resolveEndpoint(null, env, { allowEnvironment: false }).endpoint.source).toBe('default');
  });

  it('SettingsService presents the resolved endpoint to every Gemini caller', () => {
    const service = new SettingsService(storage({ gemini_base_url: 'https://proxy.example.com' }), { env: { MOBIUS_GEMINI_BASE_URL: 'http://127.0.0.1:9' } });
    expect(service.endpoint()).toMatchObject({ baseUrl: 'http://127.0.0.1:9', source: 'environment' });
    expect(service.get().gemini_base_url).toBe('http://127.0.0.1:9');
    const packaged = new SettingsService(storage({ gemini_base_url: 'https://proxy.example.com' }), {
      env: { MOBIUS_GEMINI_BASE_URL: 'http://127.0.0.1:9' },
      endpointPolicy: { allowEnvironment: false },
    });
    expect(packaged.get().gemini_base_url).toBe('https://proxy.example.com');
    expect(packaged.load().overrides).toEqual([]);
  });
});

describe('the one reachability probe', () => {
  it('is online when the endpoint answers anything (even 404), offline when nothing listens', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await probeEndpoint(url)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await probeEndpoint(url, 1_000)).toBe(false);
  });
});
