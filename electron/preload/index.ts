import { contextBridge } from 'electron';

// The typed `window.mobius` API arrives with the IPC contract (shared/ipc); until
// then the renderer only learns which shell it runs in.
contextBridge.exposeInMainWorld('mobius', { runtime: 'electron' as const });
