import type { NetworkStatus } from '../../../shared/ipc';

export type Probe = () => Promise<boolean>;

/**
 * Gemini reachability: the last known state, re-checked on an interval while
 * watching (the app). `MOBIUS_OFFLINE=1` pins it offline (tests, flights)
 * without probing. Also the `network.*` IPC service.
 */
export class NetworkMonitor {
  private state: NetworkStatus;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<NetworkStatus> | undefined;

  constructor(
    private readonly probe: Probe,
    private readonly onChange: (status: NetworkStatus) => void,
    private readonly forcedOffline: boolean,
  ) {
    this.state = { online: false, checked_at: new Date(0).toISOString() };
  }

  start(intervalMs: number): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  current(): NetworkStatus {
    return this.state;
  }

  check(): Promise<NetworkStatus> {
    this.inFlight ??= (async () => {
      const online = this.forcedOffline ? false : await this.probe();
      const changed = online !== this.state.online;
      this.state = { online, checked_at: new Date().toISOString() };
      if (changed) this.onChange(this.state);
      return this.state;
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** `network.status`: whether Gemini is reachable right now (probes). */
  status(): Promise<NetworkStatus> {
    return this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
