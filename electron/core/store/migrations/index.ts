import { initial } from './001-initial';
import { library } from './002-library';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema step, in order. Append only: never edit a step that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initial, library];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
