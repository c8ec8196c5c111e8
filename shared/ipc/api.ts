import type { EventPayload, ParsedRequest, Request, Response } from './contract';
import type { EventName, OperationName } from './names';
import type { Result } from './result';

export type Namespace<K extends string = OperationName> = K extends `${infer N}.${string}` ? N : never;
export type Method<K extends string, N extends string> = K extends `${N}.${infer M}` ? M : never;

/** No request fields → the argument is optional (e.g. `brands.list()`). */
type Call<K extends OperationName> = Record<never, never> extends Request<K>
  ? (request?: Request<K>) => Promise<Result<Response<K>>>
  : (request: Request<K>) => Promise<Result<Response<K>>>;

/** `window.mobius`: one function per operation, grouped by namespace (`mobius.brands.list()`). */
export type MobiusOperations = {
  [N in Namespace<OperationName>]: { [M in Method<OperationName, N>]: Call<`${N}.${M}` & OperationName> };
};

export interface MobiusApi extends MobiusOperations {
  readonly runtime: 'electron' | 'bridge';
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** A path main can read for a File from a drop or an <input type=file> (uploads it in the bridge). */
  pathForFile(file: File): Promise<string>;
}

/** Build the nested API object from one generic invoke (used by the preload and the bridge shim). */
export function buildOperations(names: readonly OperationName[], invoke: (op: OperationName, request: unknown) => Promise<unknown>): MobiusOperations {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [ns, method] = name.split('.') as [string, string];
    (api[ns] ??= {})[method] = (request?: unknown) => invoke(name, request ?? {});
  }
  return api as unknown as MobiusOperations;
}

/**
 * The main-process side of the contract: per namespace, one object whose
 * methods take the parsed request and return the response (`brands.list` →
 * `services.brands.list(request)`). The IPC engine maps operations onto it
 * without any per-operation glue (docs/ARCHITECTURE.md, "Add an IPC operation").
 */
export type ServicesFor<N extends Namespace> = {
  [M in Method<OperationName, N>]: (request: ParsedRequest<`${N}.${M}` & OperationName>) => Promise<Response<`${N}.${M}` & OperationName>>;
};
export type IpcServices = { [N in Namespace]: ServicesFor<N> };
