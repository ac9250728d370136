import type { z } from 'zod';
import type { Contract } from '../../../src-preload/api/contract';
import type { MethodDef, OutputOf } from '../../../src-preload/api/define';

type Handler<D> = D extends MethodDef<infer I, z.ZodType> ? (input: z.output<I>) => OutputOf<D> | Promise<OutputOf<D>> : never;

/** Implementation of one contract namespace: inputs arrive already validated. */
export type NamespaceHandlers<NS extends keyof Contract> = { [M in keyof Contract[NS]]: Handler<Contract[NS][M]> };
export type Handlers = { [NS in keyof Contract]: NamespaceHandlers<NS> };
