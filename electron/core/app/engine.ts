import { MobiusError } from '../../../shared/errors';
import { OPERATION_NAMES, type IpcServices, type OperationName, type ParsedRequest, type Response } from '../../../shared/ipc';
import { createCore, type Core, type CoreOptions } from '../core';
import type { EngineEvents } from '../services/events';

export interface EngineOptions extends Omit<CoreOptions, 'watchNetwork' | 'resumeJobs'> {
  /** How often reachability is re-checked (default 30 s). */
  networkIntervalMs?: number;
  /** Native open-file (or choose-folder) dialog (main only); without one `dialog.openFile` is refused. */
  openFileDialog?: (kind: ParsedRequest<'dialog.openFile'>['kind']) => Promise<string | null>;
}

export type Handlers = { [K in OperationName]: (request: ParsedRequest<K>) => Promise<Response<K>> };

export interface Engine {
  readonly dataDir: string;
  readonly core: Core;
  readonly events: EngineEvents;
  readonly handlers: Handlers;
  /** Absolute path of a stored file named `<sha256>.<ext>`, or null when unknown (used by the protocol and the bridge). */
  storedFilePath(name: string): string | null;
  close(): Promise<void>;
}

const STORED_NAME = /^([0-9a-f]{64})\.([a-z0-9]{1,10})$/;

/**
 * Every contract operation as `services[namespace][method](request)`, in the
 * spirit of VS Code's ProxyChannel.fromService: no per-operation glue, so a new
 * operation is the contract entry plus the service method it names.
 */
export function handlersFor(services: IpcServices): Handlers {
  const entries = OPERATION_NAMES.map((name) => {
    const [namespace, method] = name.split('.') as [keyof IpcServices, string];
    const service = services[namespace] as unknown as Record<string, (request: unknown) => Promise<unknown>> | undefined;
    if (typeof service?.[method] !== 'function') throw new Error(`No service method for ${name}.`);
    return [name, (request: unknown) => service[method]!(request)] as const;
  });
  return Object.fromEntries(entries) as unknown as Handlers;
}

/**
 * The IPC engine over the core: Electron main and the development bridge both
 * serve it, so the renderer sees the same behaviour in both shells. It adds
 * only what a shell has and the core does not: the open-file dialog and file
 * paths for the asset protocol.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { networkIntervalMs, openFileDialog, ...coreOptions } = options;
  const core = createCore({ ...coreOptions, watchNetwork: { intervalMs: networkIntervalMs ?? 30_000 }, resumeJobs: true });
  const dialog: IpcServices['dialog'] = {
    async openFile({ kind }) {
      if (!openFileDialog) throw new MobiusError('VALIDATION', 'No open-file dialog is available here.', { reason: 'no_dialog' });
      return { path: await openFileDialog(kind) };
    },
  };
  return {
    dataDir: core.dataDir,
    core,
    events: core.events,
    handlers: handlersFor({ ...core.services, dialog }),
    storedFilePath(name) {
      const match = STORED_NAME.exec(name);
      if (!match) return null;
      const [, sha256, ext] = match as unknown as [string, string, string];
      const record = core.store.fileRecords.get(sha256);
      if (!record || record.ext !== ext) return null;
      // Built from a validated digest under files/, never from user text: contained by construction.
      return core.store.files.path(sha256, ext);
    },
    close: () => core.close(),
  };
}
