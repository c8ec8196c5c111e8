import { create } from 'zustand';
import type { KeyStatus, NetworkStatus } from '../../../shared/ipc/contract';
import { mobius, unwrap } from '../ipc/client';

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
    void unwrap(api.secrets.has()).then((key) => set({ key }), () => undefined);
    return api.on('network.status', (network) => set({ network }));
  },
  async refreshKey() {
    set({ key: await unwrap(mobius().secrets.has()) });
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
