import { create } from 'zustand';
import type { KeyStatus, NetworkStatus } from '../../../shared/ipc/contract';
import { errorMessage, mobius, unwrap } from '../ipc/client';

interface StatusState {
  network: NetworkStatus | null;
  key: KeyStatus | null;
  toast: { id: number; text: string } | null;
  start(): () => void;
  refreshKey(): Promise<void>;
  setKey(key: KeyStatus): void;
  notify(text: string): void;
}

/** App-wide status: reachability of Gemini (title bar), whether a key is set, transient notices. */
export const useStatus = create<StatusState>((set) => ({
  network: null,
  key: null,
  toast: null,
  start() {
    const api = mobius();
    void unwrap(api.network.status()).then((network) => set({ network }), () => undefined);
    // The keychain is checked after the window is up (it can take seconds when locked); until then `key` is null.
    void useStatus.getState().refreshKey();
    return api.on('network.status', (network) => set({ network }));
  },
  async refreshKey() {
    try {
      set({ key: await unwrap(mobius().secrets.has()) });
    } catch (error) {
      // Never leave "Checking keychain…" up forever: say why the key cannot be read.
      set({ key: { has_key: false, source: null, keychain: null, problem: errorMessage(error) } });
    }
  },
  setKey(key) {
    set({ key });
  },
  notify(text) {
    const id = Date.now();
    set({ toast: { id, text } });
    setTimeout(() => set((s) => (s.toast?.id === id ? { toast: null } : s)), 2500);
  },
}));
