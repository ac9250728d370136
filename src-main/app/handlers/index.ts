import type { Services } from '../services';
import { appHandlers } from './app';
import { backupHandlers, healthyRecoveryHandlers } from './backups';
import { dmarcHandlers } from './dmarc';
import { dnsHandlers } from './dns';
import { doctorHandlers } from './doctor';
import { healthHandlers } from './health';
import { dkimHandlers } from './dkim';
import { rulesHandlers } from './rules';
import { alertsHandlers, watchHandlers } from './watch';
import { optionsHandlers } from './options';
import { postmarkHandlers } from './postmark';
import { sendsHandlers } from './sends';
import { settingsHandlers } from './settings';
import { sheetsHandlers } from './sheets';
import { taskHandlers } from './tasks';
import { tenantHandlers } from './tenants';
import { teamHandlers } from './team';
import type { Handlers } from './types';

/** Every contract namespace bound to the services. One line per namespace. */
export function createHandlers(s: Services): Handlers {
  return {
    app: appHandlers(s),
    tenants: tenantHandlers(s),
    dns: dnsHandlers(s),
    dmarc: dmarcHandlers(s),
    tasks: taskHandlers(s),
    settings: settingsHandlers(s),
    sheets: sheetsHandlers(s),
    options: optionsHandlers(s),
    postmark: postmarkHandlers(s),
    sends: sendsHandlers(s),
    doctor: doctorHandlers(s),
    health: healthHandlers(s),
    dkim: dkimHandlers(s),
    rules: rulesHandlers(s),
    alerts: alertsHandlers(s),
    watch: watchHandlers(s),
    backups: backupHandlers(s),
    recovery: healthyRecoveryHandlers(s),
    team: teamHandlers(s),
  };
}
