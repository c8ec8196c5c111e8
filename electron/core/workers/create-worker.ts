import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start the worker `<name>` that sits beside the calling module.
 *
 * From source (CLI via tsx, tests via vitest) the worker is `<name>.ts` and is
 * loaded through tsx; in the built app electron-vite emits it as `<name>.js`
 * next to the main bundle (each worker is an extra input in electron.vite.config.ts).
 */
export function createWorker(name: string, callerUrl: string, options: WorkerOptions = {}): Worker {
  const source = new URL(`./${name}.ts`, callerUrl);
  if (existsSync(fileURLToPath(source))) {
    return new Worker(source, { ...options, execArgv: [...(options.execArgv ?? []), '--import', 'tsx'] });
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), options);
}
