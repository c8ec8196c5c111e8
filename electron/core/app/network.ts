import type { NetworkStatus } from '../../../shared/ipc';

export type Probe = () => Promise<boolean>;

const DEFAULT_ENDPOINT = 'https://generativelanguage.googleapis.com/';

/** Online = the Gemini endpoint answers at all (any HTTP status); a timeout or DNS failure is offline. */
export function httpProbe(endpoint: () => string | null, timeoutMs = 4000): Probe {
  return async () => {
    try {
      await fetch(endpoint() ?? DEFAULT_ENDPOINT, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * Keeps the last known reachability and re-checks on an interval. `MOBIUS_OFFLINE=1`
 * pins it offline (tests, flights), without probing the network.
 */
export class NetworkMonitor {
  private status: NetworkStatus;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<NetworkStatus> | undefined;

  constructor(
    private readonly probe: Probe,
    private readonly onChange: (status: NetworkStatus) => void,
    private readonly forcedOffline: boolean,
  ) {
    this.status = { online: false, checked_at: new Date(0).toISOString() };
  }

  start(intervalMs: number): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  current(): NetworkStatus {
    return this.status;
  }

  check(): Promise<NetworkStatus> {
    this.inFlight ??= (async () => {
      const online = this.forcedOffline ? false : await this.probe();
      const changed = online !== this.status.online;
      this.status = { online, checked_at: new Date().toISOString() };
      if (changed) this.onChange(this.status);
      return this.status;
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
