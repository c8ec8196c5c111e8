import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CONTRACT_VERSION,
  EVENTS,
  EVENT_NAMES,
  OPERATIONS,
  OPERATION_NAMES,
  buildOperations,
  resultSchema,
  toErrorResult,
  validationResult,
} from '../../../shared/ipc';
import { ERROR_CODES, MobiusError } from '../../../shared/errors';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'ref' });
}

describe('IPC contract', () => {
  it('names exactly the operations and events of the contract', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(Object.keys(EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('matches the committed snapshot (update it only for a deliberate, versioned change)', async () => {
    const contract = {
      version: CONTRACT_VERSION,
      error_codes: ERROR_CODES,
      operations: Object.fromEntries(
        Object.entries(OPERATIONS).map(([name, op]) => [
          name,
          { doc: op.doc, request: jsonSchema(op.request, 'input'), response: jsonSchema(resultSchema(op.response), 'output') },
        ]),
      ),
      events: Object.fromEntries(Object.entries(EVENTS).map(([name, schema]) => [name, jsonSchema(schema, 'output')])),
    };
    // Violation ids default to a fresh UUID; the snapshot holds the shape, not that value.
    const text = JSON.stringify(contract, null, 2).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    await expect(text).toMatchFileSnapshot('./__snapshots__/contract.json');
  });

  it('rejects malformed requests', () => {
    expect(OPERATIONS['brands.get'].request.safeParse({}).success).toBe(false);
    expect(OPERATIONS['brands.list'].request.safeParse({ extra: 1 }).success).toBe(false);
    expect(OPERATIONS['assets.dismissFinding'].request.safeParse({ asset_id: 'a', violation_id: 'v', reason: 'meh' }).success).toBe(false);
    expect(OPERATIONS['settings.update'].request.safeParse({ compliance_threshold: 5 }).success).toBe(false);
    // Settings the renderer must not touch (prices, timeouts) are not part of the update request.
    expect(OPERATIONS['settings.update'].request.safeParse({ request_timeout_ms: 5000 }).success).toBe(false);
  });

  it('maps errors to the envelope without leaking unknown messages', () => {
    expect(toErrorResult(new MobiusError('BRAND_NOT_FOUND', 'No brand x.', { brand_id: 'x' }))).toEqual({
      ok: false,
      error: { code: 'BRAND_NOT_FOUND', message: 'No brand x.', details: { brand_id: 'x' } },
    });
    const internal = toErrorResult(new Error('ENOENT /home/me/secret AIzaSy...'));
    expect(internal.ok).toBe(false);
    if (!internal.ok) {
      expect(internal.error.code).toBe('INTERNAL');
      expect(internal.error.message).not.toContain('/home/me');
    }
    const parsed = OPERATIONS['brands.get'].request.safeParse({ brand_id: '' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(validationResult(parsed.error, 'request').ok).toBe(false);
  });

  it('builds one function per operation', async () => {
    const calls: unknown[] = [];
    const api = buildOperations(OPERATION_NAMES, async (op, req) => {
      calls.push([op, req]);
      return { ok: true, value: null };
    });
    await api.brands.get({ brand_id: 'b1' });
    await api.brands.list();
    expect(calls).toEqual([
      ['brands.get', { brand_id: 'b1' }],
      ['brands.list', {}],
    ]);
    expect(Object.keys(api).sort()).toEqual(['assets', 'brands', 'dialog', 'exports', 'jobs', 'library', 'network', 'secrets', 'settings', 'templates']);
  });
});
