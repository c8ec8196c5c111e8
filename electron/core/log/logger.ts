import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { redactString } from './redact';
import { DEFAULT_LIMITS, sanitizeFields, sanitizeString } from './sanitize';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ brand_id, request_id }`). */
  child(fields: LogFields): Logger;
  flush(): void;
  close(): void;
}

/** Where finished, redacted JSON lines go. */
interface LineSink {
  write(line: string): void;
  flush(): void;
  close(): void;
}

const RESERVED = new Set(['ts', 'level', 'event']);
/** A line longer than this is replaced by a stub: one runaway payload must not stall the app. */
const MAX_LINE_CHARS = 64 * 1024;

function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** Build one JSON line `{ts, level, event, ...fields}`; everything is redacted before serialization. */
export function formatLine(level: LogLevel, event: string, fields: LogFields, now: Date = new Date()): string {
  const record: Record<string, unknown> = {
    ts: now.toISOString(),
    level,
    event: sanitizeString(event, { ...DEFAULT_LIMITS, maxStringLength: 200 }),
  };
  const clean = sanitizeFields(fields);
  for (const [key, value] of Object.entries(clean)) record[RESERVED.has(key) ? `field_${key}` : key] = value;
  let line: string;
  try {
    line = JSON.stringify(record);
  } catch {
    line = JSON.stringify({ ts: record.ts, level, event: record.event, log_error: 'fields could not be serialized' });
  }
  if (line.length > MAX_LINE_CHARS) {
    line = JSON.stringify({ ts: record.ts, level, event: record.event, truncated: true, original_chars: line.length });
  }
  // Last line of defence: a registered secret re-assembled by serialization still never leaves.
  return redactString(line);
}

class BaseLogger implements Logger {
  constructor(
    private readonly sink: LineSink,
    private readonly minLevel: LogLevel,
    private readonly bound: LogFields,
  ) {}

  private log(level: LogLevel, event: string, fields?: LogFields): void {
    if (levelRank(level) < levelRank(this.minLevel)) return;
    try {
      this.sink.write(formatLine(level, event, fields ? { ...this.bound, ...fields } : this.bound));
    } catch {
      // Logging must never take the app down (disk full, folder removed…).
    }
  }

  debug(event: string, fields?: LogFields): void {
    this.log('debug', event, fields);
  }
  info(event: string, fields?: LogFields): void {
    this.log('info', event, fields);
  }
  warn(event: string, fields?: LogFields): void {
    this.log('warn', event, fields);
  }
  error(event: string, fields?: LogFields): void {
    this.log('error', event, fields);
  }
  child(fields: LogFields): Logger {
    return new BaseLogger(this.sink, this.minLevel, { ...this.bound, ...fields });
  }
  flush(): void {
    this.sink.flush();
  }
  close(): void {
    this.sink.close();
  }
}

export interface FileLoggerOptions {
  /** Folder for the log files, normally `<data>/logs`. Created if missing. */
  dir: string;
  /** File base name: `<name>.log`, rotated to `<name>.1.log` … Default `mobius`. */
  name?: string;
  /** Lowest level written. Default `info`, or `MOBIUS_LOG_LEVEL` when set to a valid level. */
  level?: LogLevel;
  /** Rotate when the current file would grow past this. Default 5 MB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. Default 5. */
  maxFiles?: number;
  /** Also write each line to stderr. */
  console?: boolean;
}

/** Synchronous appends: log volume is low and lines are bounded, so ordering beats throughput. */
class RotatingFileSink implements LineSink {
  private fd: number | null = null;
  private size = 0;
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
    private readonly toConsole: boolean,
  ) {
    this.file = path.join(dir, `${name}.log`);
  }

  private open(): number {
    if (this.fd === null) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(this.file, 'a');
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  private rotatedPath(index: number): string {
    return path.join(this.dir, `${this.name}.${index}.log`);
  }

  private rotate(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.maxFiles <= 0) {
      rmSync(this.file, { force: true });
      return;
    }
    rmSync(this.rotatedPath(this.maxFiles), { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      try {
        renameSync(this.rotatedPath(i), this.rotatedPath(i + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    renameSync(this.file, this.rotatedPath(1));
  }

  write(line: string): void {
    const data = `${line}\n`;
    const bytes = Buffer.byteLength(data);
    this.open();
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    const fd = this.open();
    writeSync(fd, data);
    this.size += bytes;
    if (this.toConsole) process.stderr.write(data);
  }

  flush(): void {
    // Writes are synchronous; nothing is buffered in this process.
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function envLevel(): LogLevel | undefined {
  const value = process.env.MOBIUS_LOG_LEVEL?.trim().toLowerCase();
  return isLogLevel(value) ? value : undefined;
}

/** JSON-lines logger writing `<dir>/<name>.log`, rotated by size, with secrets redacted before writing. */
export function createLogger(options: FileLoggerOptions): Logger {
  const sink = new RotatingFileSink(
    options.dir,
    options.name ?? 'mobius',
    options.maxBytes ?? 5 * 1024 * 1024,
    options.maxFiles ?? 5,
    options.console ?? false,
  );
  return new BaseLogger(sink, options.level ?? envLevel() ?? 'info', {});
}

export interface MemoryLogger extends Logger {
  /** Every written line, exactly as a file logger would write it. */
  readonly lines: string[];
  /** The lines parsed back into objects. */
  records(): Array<Record<string, unknown>>;
  clear(): void;
}

/** Logger that keeps its lines in memory, for tests; same formatting and redaction as the file logger. */
export function createMemoryLogger(options: { level?: LogLevel } = {}): MemoryLogger {
  const lines: string[] = [];
  const sink: LineSink = { write: (line) => void lines.push(line), flush: () => {}, close: () => {} };
  const logger = new BaseLogger(sink, options.level ?? 'debug', {});
  return Object.assign(logger, {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => void lines.splice(0, lines.length),
  });
}

const noop = (): void => {};
export const nullLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => nullLogger,
  flush: noop,
  close: noop,
};
