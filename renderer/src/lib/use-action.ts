import { useState } from 'react';
import { errorMessage } from '../ipc/client';

/**
 * A button's action: `busy` while it runs (to disable controls), and any
 * failure shown through the screen's own error line.
 */
export function useAction(setError: (message: string | null) => void): { busy: boolean; run(action: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async run(action) {
      setBusy(true);
      try {
        await action();
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
  };
}
