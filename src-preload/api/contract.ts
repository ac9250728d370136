import { z } from 'zod';
import { method, channelsOf, type ApiOf, type BridgeOf, type ChannelOf } from './define';
import type { EventMap } from './events';
import { appInfoSchema, setTokenSchema, settingsPatchSchema, settingsSchema } from './settings';
import {
  auditPageSchema,
  csvImportResultSchema,
  csvImportSchema,
  tagListSchema,
  tenantCreateSchema,
  tenantIdSchema,
  tenantListQuerySchema,
  tenantPageSchema,
  tenantUpdateSchema,
} from './tenant-queries';
import { taskIdSchema, taskSnapshotSchema } from './tasks';
import { tenantSchema } from './tenants';

const empty = z.object({}).default({});
const done = z.object({ ok: z.literal(true) });

/**
 * THE contract: every method any door offers, with its input and output schemas. Main implements it,
 * the preload exposes it, the browser host carries it over HTTP, and the renderer's types come from it.
 */
export const contract = {
  app: {
    info: method(empty, appInfoSchema),
  },
  tenants: {
    list: method(tenantListQuerySchema, tenantPageSchema),
    get: method(tenantIdSchema, tenantSchema),
    create: method(tenantCreateSchema, tenantSchema),
    update: method(tenantUpdateSchema, tenantSchema),
    audit: method(tenantIdSchema, auditPageSchema),
    tags: method(empty, tagListSchema),
    importCsv: method(csvImportSchema, csvImportResultSchema),
  },
  tasks: {
    list: method(empty, z.object({ tasks: z.array(taskSnapshotSchema) })),
    cancel: method(taskIdSchema, done),
  },
  settings: {
    get: method(empty, settingsSchema),
    update: method(settingsPatchSchema, settingsSchema),
    setToken: method(setTokenSchema, done),
    clearToken: method(empty, done),
  },
} as const;

export type Contract = typeof contract;
export type Channel = ChannelOf<Contract>;
export type BehalfApi = ApiOf<Contract>;
export type BehalfBridge = BridgeOf<Contract, EventMap>;
export const channels: Channel[] = channelsOf(contract);
