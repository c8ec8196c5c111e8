import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from '../ipc/client';

export interface Load<T> {
  /** The last value loaded (kept while reloading, so screens do not flash). */
  data: T | null;
  /** Why the last load failed, in the app's words. */
  error: string | null;
  loading: boolean;
  /** Load again (the Retry button, or after an event says the data changed). */
  reload(): Promise<void>;
  /** Replace the data with a value an action returned, or update it from an event (no round trip). */
  set(update: T | ((current: T | null) => T)): void;
}

/**
 * The one way a screen loads what it shows: loading / error / retry, with the
 * latest request winning when the dependencies change or reloads overlap.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  // The caller's deps decide when `load` changes (as with useEffect).
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const value = await run();
      if (request !== latest.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (request === latest.current) setError(errorMessage(e));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
    // A request still in flight when the screen goes away (or its deps change) must not land.
    return () => void ++latest.current;
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}
