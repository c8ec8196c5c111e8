import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
// dispatch only (not the engine): the main bundle loads the engine lazily, see index.ts.
import { dispatch } from '../core/app/dispatch';
import type { Engine } from '../core/app';
import { GRANT_PATH_CHANNEL, OPERATION_NAMES, eventChannel, invokeChannel, type OperationName, type Result } from '../../shared/ipc';
import { PATH_OPERATIONS, PathGrants, requestedPath, type FileKind } from './path-grants';
import { isTrustedSender, type TrustedOrigin } from './security';

const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'VALIDATION', message: 'This request did not come from the Mobius window and was refused.' },
};

const UNGRANTED_PATH: Result<never> = {
  ok: false,
  error: {
    code: 'VALIDATION',
    message: 'Mobius only opens files you drop onto it or choose in the Open dialog, each once and right away. Drop the file again.',
  },
};

const KIND_TEXT: Record<FileKind, string> = { pdf: 'a PDF', image: 'a PNG, JPEG or WebP image', brand: 'a Mobius brand (.json)', logo: 'a logo file (SVG, PNG, JPEG, WebP or PDF)', folder: 'a folder' };

const wrongKind = (kind: FileKind): Result<never> => ({
  ok: false,
  error: { code: 'INVALID_FILE_TYPE', message: `This file is not ${KIND_TEXT[kind]}. Choose ${KIND_TEXT[kind]} instead.` },
});

/**
 * One wrapper for every operation: check the sender (main frame of our own
 * window, our own page) and, for operations that open a file, use up the grant
 * for that path (see PathGrants) and hand the engine the resolved path; then
 * the shared dispatch parses with zod, calls the engine and maps errors to the
 * Result envelope.
 */
export function handleInvoke(engine: Pick<Engine, 'handlers'>, origin: TrustedOrigin, grants: PathGrants) {
  return async (operation: string, event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame, origin)) return FOREIGN_SENDER;
    let forwarded = request;
    const kind = PATH_OPERATIONS[operation as OperationName];
    const file = kind ? requestedPath(request) : undefined;
    if (kind && typeof file === 'string') {
      const taken = grants.take(file, kind);
      if (!taken.ok) return taken.reason === 'wrong_kind' ? wrongKind(kind) : UNGRANTED_PATH;
      forwarded = { ...(request as object), path: taken.path };
    }
    const result = await dispatch(engine, operation, forwarded);
    // A path the user picked in our native dialog may be handed back by the renderer.
    if (operation === 'dialog.openFile' && result.ok) {
      const chosen = requestedPath(result.value);
      const chosenKind = (request as { kind?: FileKind }).kind ?? null;
      if (typeof chosen === 'string') grants.grant(chosen, chosenKind);
    }
    return result;
  };
}

export function registerIpc(engine: Engine, origin: TrustedOrigin, grants = new PathGrants()): () => void {
  const handle = handleInvoke(engine, origin, grants);
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(invokeChannel(name), (event, request: unknown) => handle(name, event, request));
  }
  // The preload announces a dropped file; main decides whether it is a file Mobius may open.
  ipcMain.handle(GRANT_PATH_CHANNEL, (event, file: unknown) => isTrustedSender(event.senderFrame, event.sender.mainFrame, origin) && grants.grant(file));
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
