import path from 'node:path';
import { createLogger, type Logger } from '../log';
import { createSecretStore, type SecretStore } from '../secrets';
import { SettingsService } from '../settings';
import { openStore, resolveDataDir, type Store } from '../store';

/** What a command needs from the engine; opened lazily so `--help` never touches the disk. */
export interface CliContext {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  store(): Store;
  settings(): SettingsService;
  logger(): Logger;
  secrets(): Promise<SecretStore>;
  close(): void;
}

export function createCliContext(options: { dataDirFlag?: string; env: NodeJS.ProcessEnv }): CliContext {
  const dataDir = resolveDataDir({ flag: options.dataDirFlag, env: options.env });
  let store: Store | undefined;
  let logger: Logger | undefined;
  let settings: SettingsService | undefined;
  let secrets: Promise<SecretStore> | undefined;

  const context: CliContext = {
    dataDir,
    env: options.env,
    store() {
      store ??= openStore({ dataDir });
      return store;
    },
    logger() {
      if (!logger) {
        // The store creates and checks the data dir, so open it before writing logs there.
        context.store();
        logger = createLogger({ dir: path.join(dataDir, 'logs'), name: 'cli' });
      }
      return logger;
    },
    settings() {
      settings ??= new SettingsService(context.store().settings, { env: options.env, logger: context.logger() });
      return settings;
    },
    secrets() {
      secrets ??= createSecretStore({ env: options.env, dataDir }).then((choice) => {
        context.logger().info('secret_store_selected', { kind: choice.store.kind, reason: choice.reason });
        return choice.store;
      });
      return secrets;
    },
    close() {
      logger?.close();
      store?.close();
    },
  };
  return context;
}
