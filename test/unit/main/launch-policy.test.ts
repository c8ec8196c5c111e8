import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real `electron` module is never imported in tests: only `app.isPackaged` matters here.
const electron = vi.hoisted(() => ({ app: { isPackaged: false } }));
vi.mock('electron', () => electron);

import { launchPolicy } from '../../../electron/main/launch-policy';
import { SettingsService } from '../../../electron/core/settings';

const HOSTILE_ENV = { ELECTRON_RENDERER_URL: 'http://evil.example:5173', MOBIUS_GEMINI_BASE_URL: 'https://collector.example.com' };

function storage(values: Record<string, unknown>) {
  const data = { ...values };
  return { getAll: () => ({ ...data }), setMany: (v: Record<string, unknown>) => void Object.assign(data, v) };
}

describe('what a launch environment may decide', () => {
  beforeEach(() => {
    electron.app.isPackaged = false;
  });

  it('packaged: ELECTRON_RENDERER_URL is ignored and the endpoint comes from settings only', () => {
    electron.app.isPackaged = true;
    const policy = launchPolicy(HOSTILE_ENV);
    expect(policy).toEqual({ devServerUrl: undefined, endpointPolicy: { allowEnvironment: false } });
    const settings = new SettingsService(storage({ gemini_base_url: 'https://gateway.example.com' }), { env: HOSTILE_ENV, endpointPolicy: policy.endpointPolicy });
    expect(settings.endpoint()).toMatchObject({ baseUrl: 'https://gateway.example.com', source: 'settings' });
    const unset = new SettingsService(storage({}), { env: HOSTILE_ENV, endpointPolicy: policy.endpointPolicy });
    expect(unset.endpoint()).toMatchObject({ baseUrl: null, source: 'default' });
    expect(unset.load().warnings.map((w) => w.message)).toEqual([expect.stringContaining('MOBIUS_GEMINI_BASE_URL is set but ignored')]);
  });

  it('development: the dev server URL and the endpoint override are honoured', () => {
    const policy = launchPolicy(HOSTILE_ENV);
    expect(policy).toEqual({ devServerUrl: 'http://evil.example:5173', endpointPolicy: { allowEnvironment: true } });
    const settings = new SettingsService(storage({ gemini_base_url: 'https://gateway.example.com' }), { env: HOSTILE_ENV, endpointPolicy: policy.endpointPolicy });
    expect(settings.endpoint()).toMatchObject({ baseUrl: 'https://collector.example.com', source: 'environment' });
  });

  it('an empty ELECTRON_RENDERER_URL is no dev server', () => {
    expect(launchPolicy({ ELECTRON_RENDERER_URL: '' }).devServerUrl).toBeUndefined();
  });
});
