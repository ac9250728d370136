// The system tools the test suites drive, in one place: what each is for, where it is found, which package
// brings it. A later suite that needs another tool adds one entry here; the preflight (scripts/preflight.mjs)
// does the rest. `suites` says which runs need it: `npm test` needs all of them, `test:unit` / `test:e2e` /
// `bench` only theirs. `env` names the variable a test harness reads for the tool's path (so a binary in
// /usr/sbin or a custom location is found without changing PATH).
export const SYSTEM_TOOLS = [
  {
    name: 'Chromium',
    bin: 'chromium',
    env: 'CHROMIUM_PATH',
    apt: 'chromium',
    brew: '--cask chromium',
    paths: ['/Applications/Chromium.app/Contents/MacOS/Chromium'],
    for: 'drives the console in the e2e specs and the browser benchmarks',
    suites: ['e2e', 'bench'],
  },
  {
    name: 'nsd',
    bin: 'nsd',
    env: 'BEHALF_NSD',
    apt: 'nsd',
    brew: 'nsd',
    for: 'serves the DNS zones the checks, sheets and Postmark verification read',
    suites: ['unit', 'e2e', 'bench'],
  },
  {
    name: 'pdftotext',
    bin: 'pdftotext',
    apt: 'poppler-utils',
    brew: 'poppler',
    for: 'reads the text back out of generated PDF sheets',
    suites: ['unit', 'e2e'],
  },
  {
    name: 'unzip',
    bin: 'unzip',
    apt: 'unzip',
    brew: 'unzip',
    for: 'checks the bulk sheet zips and DMARC zip imports',
    suites: ['unit', 'e2e', 'bench'],
  },
  {
    name: 'dnsperf',
    bin: 'dnsperf',
    apt: 'dnsperf',
    brew: 'dnsperf',
    for: 'the baseline of the bulk DNS benchmark',
    suites: ['bench'],
  },
  {
    name: 'dovecot',
    bin: 'dovecot',
    env: 'BEHALF_DOVECOT',
    apt: 'dovecot-imapd',
    brew: 'dovecot',
    for: 'a real IMAP server for the mailbox import tests',
    suites: ['unit'],
  },
  {
    // Debian keeps the server binaries out of PATH, one folder per major version; the tests run initdb + pg_ctl
    // from the folder initdb is found in, on a cluster of their own in a temp dir.
    name: 'PostgreSQL',
    bin: 'initdb',
    env: 'BEHALF_INITDB',
    apt: 'postgresql',
    brew: 'postgresql@15',
    paths: [
      '/usr/lib/postgresql/17/bin/initdb',
      '/usr/lib/postgresql/16/bin/initdb',
      '/usr/lib/postgresql/15/bin/initdb',
      '/opt/homebrew/opt/postgresql@15/bin/initdb',
      '/usr/local/opt/postgresql@15/bin/initdb',
    ],
    for: 'a real PostgreSQL server for the team ledger tests',
    suites: ['unit'],
  },
];

/** Directories searched besides PATH: server daemons live in sbin, which is not on a normal user's PATH. */
export const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/opt/homebrew/bin', '/opt/homebrew/sbin', '/usr/local/bin'];
