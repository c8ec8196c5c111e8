import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value for the engine's CPU-heavy worker threads: below the calling thread, above nothing else. */
const BACKGROUND_NICE = 10;

/**
 * Run this worker thread behind the thread that started it. On a busy machine
 * (two cores rendering PDF pages, OCR, pixel analysis) the kernel otherwise
 * shares the cores evenly, and the main process's event loop — the one the UI
 * waits on — goes unscheduled for tens of milliseconds even though it has
 * nothing heavy to do. On Linux `setpriority(PRIO_PROCESS, tid)` applies to
 * one thread, and threads this one starts later (tesseract's, pdf.js's) inherit
 * it. Elsewhere the call would reprioritise the whole process, so it is skipped.
 */
export function runBehindCallingThread(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, BACKGROUND_NICE);
  } catch {
    // No procfs or not permitted: keep the default priority.
  }
}
