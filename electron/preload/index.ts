import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildOperations, type MobiusApi } from '../../shared/ipc/api';
import { GRANT_PATH_CHANNEL, OPERATION_NAMES, eventChannel, invokeChannel, isEventName, type EventName } from '../../shared/ipc/names';

/**
 * `window.mobius`: one function per contract operation plus `on(event, cb)`.
 * ipcRenderer itself never crosses the bridge; listeners get the payload only,
 * never the IpcRendererEvent (which would expose `sender`).
 */
export function createApi(): MobiusApi {
  const operations = buildOperations(OPERATION_NAMES, (op, request) => ipcRenderer.invoke(invokeChannel(op), request));
  return {
    ...operations,
    runtime: 'electron',
    on(event: EventName, listener: (payload: never) => void) {
      if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
      const channel = eventChannel(event);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
      ipcRenderer.on(channel, wrapped);
      return () => void ipcRenderer.removeListener(channel, wrapped);
    },
    // Only a real dropped File has a path. Main checks it (a local regular file of a kind Mobius opens)
    // and then accepts that path once, shortly after; this only announces it.
    pathForFile: async (file: File) => {
      const filePath = webUtils.getPathForFile(file);
      if (!filePath || !(await ipcRenderer.invoke(GRANT_PATH_CHANNEL, filePath))) {
        throw new Error('Mobius can only open PDF, PNG, JPEG, WebP or Mobius brand (.json) files from this computer.');
      }
      return filePath;
    },
  } as MobiusApi;
}

contextBridge.exposeInMainWorld('mobius', createApi());
