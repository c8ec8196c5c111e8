import { EventEmitter } from 'node:events';
import { EVENT_NAMES, type EventName, type EventPayload } from '../../../shared/ipc';

/** The contract's events, typed. Main forwards them to windows; the bridge to sockets. */
export class EngineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every window / socket subscribes once per event; no leak warning for many clients.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** All events, e.g. to forward them over one socket. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = EVENT_NAMES.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }
}
