import { describe, expect, it } from 'vitest';
import { handlersFor } from '../../../electron/core/app/engine';
import { OPERATION_NAMES, type IpcServices } from '../../../shared/ipc';

describe('IPC handlers come from the services, one method per operation', () => {
  it('routes every contract operation to services[namespace][method] with the parsed request', async () => {
    const calls: string[] = [];
    const services = new Proxy({} as Record<string, unknown>, {
      get: (_t, namespace: string) => new Proxy({}, { get: (_s, method: string) => async (request: unknown) => (calls.push(`${namespace}.${method}`), { request }) }),
    }) as unknown as IpcServices;
    const handlers = handlersFor(services);
    expect(Object.keys(handlers).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) {
      expect(await (handlers[name] as (r: unknown) => Promise<unknown>)({ marker: name })).toEqual({ request: { marker: name } });
    }
    expect(calls).toEqual([...OPERATION_NAMES]);
  });

  it('refuses to start when a service lacks an operation (a contract entry without its method)', () => {
    const partial = { brands: {} } as unknown as IpcServices;
    expect(() => handlersFor(partial)).toThrow(/No service method for brands\.list/);
  });
});
