// The settings service against the real SQLite store (store.settings is the port).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MobiusError } from '../../../shared/errors';
import { openStore, type Store } from '../../../electron/core/store';
import { SettingsService, defaultSettings } from '../../../electron/core/settings';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-settings-'));
  store = openStore({ dataDir: dir });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SettingsService on the SQLite store', () => {
  it('persists updates across reopening and resets to defaults', () => {
    new SettingsService(store.settings, { env: {} }).update({ compliance_threshold: 0.9, gemini_base_url: 'http://127.0.0.1:8123' });
    store.close();
    store = openStore({ dataDir: dir });
    const service = new SettingsService(store.settings, { env: {} });
    expect(service.get()).toMatchObject({ compliance_threshold: 0.9, gemini_base_url: 'http://127.0.0.1:8123' });
    expect(service.reset()).toEqual(defaultSettings());
    expect(store.settings.getAll()).toEqual({});
  });

  it('writes nothing when validation fails', () => {
    const service = new SettingsService(store.settings, { env: {} });
    service.update({ max_generation_attempts: 4 });
    expect(() => service.update({ max_generation_attempts: 5, compliance_threshold: 1.5 })).toThrow(MobiusError);
    expect(store.settings.getAll()).toEqual({ max_generation_attempts: 4 });
  });

  it('survives a value edited by hand in the database', () => {
    store.db.prepare("INSERT INTO settings (key, value_json) VALUES ('compliance_threshold', '\"very high\"')").run();
    const loaded = new SettingsService(store.settings, { env: {} }).load();
    expect(loaded.settings.compliance_threshold).toBe(0.8);
    expect(loaded.warnings).toHaveLength(1);
  });
});
