import { parentPort } from 'node:worker_threads';
import { isMobiusError } from '../../../shared/errors';
import { analyseImage, type AnalyseOptions, type AuditGuidelines } from './analyse';
import { runBehindCallingThread } from '../workers/background-priority';

export interface AuditWorkerRequest {
  id: number;
  bytes: Uint8Array;
  guidelines: AuditGuidelines;
  options: AnalyseOptions;
}
export type AuditWorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

runBehindCallingThread();

parentPort?.on('message', (req: AuditWorkerRequest) => {
  void (async () => {
    try {
      const value = await analyseImage(req.bytes, req.guidelines, req.options);
      parentPort?.postMessage({ id: req.id, ok: true, value } satisfies AuditWorkerReply);
    } catch (error) {
      const reply: AuditWorkerReply = isMobiusError(error)
        ? { id: req.id, ok: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }
        : { id: req.id, ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      parentPort?.postMessage(reply);
    }
  })();
});
