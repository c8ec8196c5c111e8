import type { Database } from 'better-sqlite3';

/** Returns an ISO-8601 timestamp; injectable so tests can order events deterministically. */
export type Clock = () => string;

export const systemClock: Clock = () => new Date().toISOString();

export interface RepositoryContext {
  db: Database;
  now: Clock;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** SQLite has no booleans. */

/** Drop keys whose value is `undefined`, so a patch never erases a field by accident. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
