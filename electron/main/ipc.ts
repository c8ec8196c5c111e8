import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Engine } from '../core/app';
import { GRANT_PATH_CHANNEL, OPERATION_NAMES, eventChannel, invokeChannel, type Result } from '../../shared/ipc';
import { PathGrants, requestedPath } from './path-grants';
import { isTrustedSender, type TrustedOrigin } from './security';

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: 'This request did not come from the Mobius window and was refused.' },
};

const UNGRANTED_PATH: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: 'Mobius only opens files you drop onto it or choose in the Open dialog. Drop the file again.' },
};

/**
 * One wrapper for every operation: check the sender (main frame of our own
 * window, our own page) and that any file path came from a drop or a dialog,
 * then the shared dispatch parses with zod, calls the engine and maps errors
 * to the Result envelope.
 */
export function handleInvoke(engine: Pick<Engine, 'handlers'>, origin: TrustedOrigin, grants: PathGrants) {
  return async (operation: string, event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame, origin)) return FOREIGN_SENDER;
    const file = requestedPath(request);
    if (file !== null && !grants.has(file)) return UNGRANTED_PATH;
    const result = await dispatch(engine, operation, request);
    // A path the user picked in our native dialog may be handed back by the renderer.
    if (operation === 'dialog.openFile' && result.ok) {
      const chosen = requestedPath(result.value);
      if (chosen) grants.grant(chosen);
    }
    return result;
  };
}

export function registerIpc(engine: Engine, origin: TrustedOrigin, grants = new PathGrants()): () => void {
  const handle = handleInvoke(engine, origin, grants);
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(invokeChannel(name), (event, request: unknown) => handle(name, event, request));
  }
  ipcMain.handle(GRANT_PATH_CHANNEL, (event, file: unknown) => {
    if (isTrustedSender(event.senderFrame, event.sender.mainFrame, origin) && typeof file === 'string') grants.grant(file);
  });
  // Events go to every window of ours; the preload filters by channel.
  const off = engine.events.onAny((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  });
  return () => {
    off();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(invokeChannel(name));
    ipcMain.removeHandler(GRANT_PATH_CHANNEL);
  };
}
