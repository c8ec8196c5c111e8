import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Engine } from '../core/app';
import { OPERATION_NAMES, eventChannel, invokeChannel, type Result } from '../../shared/ipc';
import { isTrustedSender, type TrustedOrigin } from './security';

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: 'This request did not come from the Mobius window and was refused.' },
};

/**
 * One wrapper for every operation: check the sender (main frame of our own
 * window, our own page), then the shared dispatch parses with zod, calls the
 * engine and maps errors to the Result envelope.
 */
export function handleInvoke(engine: Pick<Engine, 'handlers'>, origin: TrustedOrigin) {
  return async (operation: string, event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame, origin)) return FOREIGN_SENDER;
    return dispatch(engine, operation, request);
  };
}

export function registerIpc(engine: Engine, origin: TrustedOrigin): () => void {
  const handle = handleInvoke(engine, origin);
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(invokeChannel(name), (event, request: unknown) => handle(name, event, request));
  }
  // Events go to every window of ours; the preload filters by channel.
  const off = engine.events.onAny((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  });
  return () => {
    off();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(invokeChannel(name));
  };
}
