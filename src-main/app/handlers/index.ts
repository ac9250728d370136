import type { Services } from '../services';
import { appHandlers } from './app';
import { settingsHandlers } from './settings';
import { taskHandlers } from './tasks';
import { tenantHandlers } from './tenants';
import type { Handlers } from './types';

/** Every contract namespace bound to the services. One line per namespace. */
export function createHandlers(s: Services): Handlers {
  return {
    app: appHandlers(s),
    tenants: tenantHandlers(s),
    tasks: taskHandlers(s),
    settings: settingsHandlers(s),
  };
}
