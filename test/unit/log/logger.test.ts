import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createMemoryLogger, nullLogger } from '../../../electron/core/log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function readLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createLogger', () => {
  it('appends JSON lines {ts, level, event, ...fields} and creates the folder', () => {
    const logs = path.join(dir, 'logs');
    const logger = createLogger({ dir: logs });
    logger.info('app_started', { version: '0.1.0' });
    logger.child({ brand_id: 'b1' }).error('gemini_failed', { model_name: 'gemini-3.1-pro-preview', operation_type: 'pdf_parsing' });
    logger.close();
    const lines = readLines(path.join(logs, 'mobius.log'));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).slice(0, 3)).toEqual(['ts', 'level', 'event']);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'app_started', version: '0.1.0' });
    expect(Number.isNaN(Date.parse(String(lines[0]!.ts)))).toBe(false);
    expect(lines[1]).toMatchObject({ level: 'error', event: 'gemini_failed', brand_id: 'b1', operation_type: 'pdf_parsing' });
  });

  it('filters below the configured level and keeps reserved names intact', () => {
    const logger = createLogger({ dir, level: 'warn' });
    logger.debug('quiet');
    logger.info('quiet');
    logger.warn('loud', { level: 'spoofed', ts: 'x' });
    logger.close();
    const lines = readLines(path.join(dir, 'mobius.log'));
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', event: 'loud', field_level: 'spoofed', field_ts: 'x' })]);
  });

  it('rotates by size and keeps at most maxFiles old files', () => {
    const logger = createLogger({ dir, maxBytes: 1_000, maxFiles: 2 });
    for (let i = 0; i < 60; i++) logger.info('tick', { i, pad: 'p'.repeat(80) });
    logger.close();
    expect(readdirSync(dir).sort()).toEqual(['mobius.1.log', 'mobius.2.log', 'mobius.log']);
    const files = ['mobius.2.log', 'mobius.1.log', 'mobius.log'].map((f) => path.join(dir, f));
    for (const file of files) expect(readFileSync(file).length).toBeLessThanOrEqual(1_000);
    // Newest lines are in mobius.log, older ones in .1 then .2, in order, none lost within the kept files.
    const seq = files.flatMap((file) => readLines(file).map((line) => line.i as number));
    expect(seq.at(-1)).toBe(59);
    expect(seq).toEqual([...seq].sort((a, b) => a - b));
    expect(seq).toEqual(Array.from({ length: seq.length }, (_, k) => seq[0]! + k));
  });

  it('continues an existing file after reopening, counting its size', () => {
    const first = createLogger({ dir, maxBytes: 500, maxFiles: 1 });
    first.info('one', { pad: 'a'.repeat(300) });
    first.close();
    const second = createLogger({ dir, maxBytes: 500, maxFiles: 1 });
    second.info('two', { pad: 'b'.repeat(300) });
    second.close();
    expect(readLines(path.join(dir, 'mobius.1.log')).map((l) => l.event)).toEqual(['one']);
    expect(readLines(path.join(dir, 'mobius.log')).map((l) => l.event)).toEqual(['two']);
  });

  it('never throws when the folder cannot be written', () => {
    const blocker = path.join(dir, 'file');
    createLogger({ dir, name: 'file' }).close();
    const logger = createLogger({ dir: path.join(blocker + '.log', 'sub') });
    expect(() => logger.error('boom', { x: 1 })).not.toThrow();
  });
});

describe('memory and null loggers', () => {
  it('captures the same lines a file logger writes', () => {
    const logger = createMemoryLogger({ level: 'info' });
    logger.debug('hidden');
    logger.child({ a: 1 }).info('shown', { b: 2 });
    expect(logger.records()).toEqual([expect.objectContaining({ level: 'info', event: 'shown', a: 1, b: 2 })]);
    logger.clear();
    expect(logger.lines).toEqual([]);
  });

  it('nullLogger accepts everything', () => {
    expect(() => {
      nullLogger.info('x', { y: 1 });
      nullLogger.child({}).error('z');
      nullLogger.close();
    }).not.toThrow();
  });
});
