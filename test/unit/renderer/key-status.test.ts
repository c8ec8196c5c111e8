import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../shared/ipc/contract';

// The status store reads window.mobius; give it a stand-in whose secrets.has we control.
let answer: () => Promise<unknown> = async () => ({ ok: true, value: null });
(globalThis as { window?: unknown }).window = { mobius: { secrets: { has: () => answer() } } };
afterAll(() => delete (globalThis as { window?: unknown }).window);

const { KeyStatusView, keyStatusText, SettingsScreen } = await import('../../../renderer/src/features/settings/SettingsScreen');
const { useStatus } = await import('../../../renderer/src/stores/status');

const ready = { state: 'ready', backend: 'keyring', label: 'Secret Service keyring (GNOME Keyring, KWallet), through @napi-rs/keyring' } as const;

describe('keychain status in Settings', () => {
  it('says "Checking keychain…" until the check (which runs after the window opened) answers', () => {
    expect(keyStatusText(null)).toBe('Checking keychain…');
    const html = renderToStaticMarkup(createElement(SettingsScreen));
    expect(html).toContain('Checking keychain…');
    expect(html).toContain('aria-label="Checking keychain"');
  });

  it('names the keychain that holds the key', () => {
    const status: KeyStatus = { has_key: true, source: 'keychain', keychain: ready };
    expect(keyStatusText(status)).toBe(`A key is set in your ${ready.label}.`);
    expect(keyStatusText({ has_key: true, source: 'env', keychain: ready })).toMatch(/GEMINI_API_KEY/);
  });

  it('shows an unavailable keychain as a clear state with a way to check again, and no save', () => {
    const status: KeyStatus = {
      has_key: false,
      source: null,
      keychain: { state: 'unavailable', backend: 'keytar', label: 'x', problem: 'Mobius could not use the system keychain (it is locked).' },
      problem: 'Mobius could not use the system keychain (it is locked).',
    };
    expect(keyStatusText(status)).toMatch(/^No key set: the system keychain is not available/);
    const html = renderToStaticMarkup(createElement(KeyStatusView, { status, busy: false, onCheckAgain: () => undefined }));
    expect(html).toContain('it is locked');
    expect(html).toContain('Check again');
    expect(html).toContain('role="alert"');
  });

  it('tells the user plainly to enter the key again after a keychain library switch', () => {
    const notice = 'Mobius now keeps the key through @napi-rs/keyring because keytar no longer works on this computer. A key saved before the change is not visible to it: enter your Gemini API key again.';
    const status: KeyStatus = { has_key: false, source: null, keychain: { ...ready, switched_from: 'keytar' }, notice };
    const html = renderToStaticMarkup(createElement(KeyStatusView, { status, busy: false, onCheckAgain: () => undefined }));
    expect(html).toContain('data-testid="key-notice"');
    expect(html).toContain('enter your Gemini API key again');
  });

  it('never stays on "Checking keychain…" when the check itself fails', async () => {
    answer = async () => ({ ok: false, error: { code: 'INTERNAL', message: 'The engine did not answer.' } });
    useStatus.setState({ key: null });
    await useStatus.getState().refreshKey();
    expect(useStatus.getState().key).toEqual({ has_key: false, source: null, keychain: null, problem: 'The engine did not answer.' });
    answer = async () => ({ ok: true, value: { has_key: true, source: 'keychain', keychain: ready } });
    await useStatus.getState().refreshKey();
    expect(useStatus.getState().key?.has_key).toBe(true);
  });
});
