import type { Migration } from '../migration';
import { migration001 } from './001-tenants';
import { migration002 } from './002-settings';
import { migration003 } from './003-postmark';
import { migration004 } from './004-dns-checks';
import { migration005 } from './005-dmarc';
import { migration006 } from './006-sends';
import { migration007 } from './007-deferred-removals';
import { migration008 } from './008-dmarc-chosen';
import { migration009 } from './009-dmarc-staging';
import { migration010 } from './010-send-confirming';
import { migration011 } from './011-dmarc-repairs';
import { migration012 } from './012-dmarc-mailbox';
import { migration013 } from './013-dmarc-failures';
import { migration014 } from './014-seed-placement';
import { migration015 } from './015-dmarc-legitimate';
import { migration016 } from './016-health-stats';
import { migration017 } from './017-team-ledger';
import { migration018 } from './018-seed-mailbox';
import { migration019 } from './019-watch-alerts';
import { migration020 } from './020-dkim-rotation';
import { migration021 } from './021-tenant-bulk-mail';
import { migration022 } from './022-team-shared-work';
import { migration023 } from './023-dmarc-rows-append-indexes';
import { migration024 } from './024-capture-triggers-in-team-mode';

/** Every migration, in version order. Add one line per new file; never edit a shipped migration. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
];
