import { createCore, type Core } from '../core';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { SettingsService } from '../settings';
import { resolveDataDir, type Store } from '../store';

/** What a command needs: the core, opened lazily so `--help` never touches the disk. */
export interface CliContext {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  core(): Core;
  store(): Store;
  settings(): SettingsService;
  logger(): Logger;
  secrets(): Promise<SecretStore>;
  close(): Promise<void>;
}

export function createCliContext(options: { dataDirFlag?: string; env: NodeJS.ProcessEnv }): CliContext {
  const dataDir = resolveDataDir({ flag: options.dataDirFlag, env: options.env });
  let core: Core | undefined;
  const context: CliContext = {
    dataDir,
    env: options.env,
    core() {
      core ??= createCore({ dataDir, env: options.env, logName: 'cli' });
      return core;
    },
    store: () => context.core().store,
    settings: () => context.core().settings,
    logger: () => context.core().logger,
    secrets: () => context.core().secrets(),
    async close() {
      await core?.close();
    },
  };
  return context;
}
