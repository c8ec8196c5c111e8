import { parentPort } from 'node:worker_threads';
import { normalizeHex } from '../../../shared/schema/normalize';

// Used by tests to prove that TypeScript workers with extensionless imports start.
parentPort?.on('message', (value: unknown) => parentPort?.postMessage(normalizeHex(value)));
