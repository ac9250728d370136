import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'dns', 'zlib', 'stream', 'url', 'util', 'worker_threads'];

const WRITE_TRANSACTION_MESSAGE = 'Write to the ledger with writeTransaction(db, fn) from src-main/ledger/write-transaction (BEGIN IMMEDIATE, short, busy → ledger.busy).';
const LEDGER_TRANSACTION_RULES = [
  { selector: "CallExpression[callee.property.name='transaction']", message: WRITE_TRANSACTION_MESSAGE },
  { selector: "CallExpression[callee.property.name=/^(exec|prepare)$/] > Literal[value=/^\\s*BEGIN\\b/i]", message: WRITE_TRANSACTION_MESSAGE },
  { selector: "CallExpression[callee.property.name=/^(exec|prepare)$/] > TemplateLiteral > TemplateElement[value.raw=/^\\s*BEGIN\\b/i]", message: WRITE_TRANSACTION_MESSAGE },
];

const SQL_PLACE_MESSAGE = 'SQL lives in the owning feature\'s *-store.ts / *-repo.ts (or a ledger migration); ask that module through a typed function.';
/** Issue 16: one owner per table. Statements are prepared only where the table's owner keeps its SQL. */
const SQL_PLACE_RULES = [
  { property: 'prepare', message: SQL_PLACE_MESSAGE },
  { object: 'db', property: 'exec', message: SQL_PLACE_MESSAGE },
];

/** Folders are boundaries: the renderer is a web page, the contract is pure, main never reaches into the UI. */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through the contract client.' },
          ...['better-sqlite3', 'postmark', 'electron-store', 'pdfkit', 'ws', ...NODE_BUILTINS].map((name) => ({ name, message: 'Node-side module: keep it in src-main.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'The renderer is a web page: no Node built-ins.' },
          { group: ['**/src-main/**', '**/src-main'], message: 'The renderer never imports main-process code; use the contract.' },
        ],
      }],
    },
  },
  {
    files: ['src-preload/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The contract is pure TypeScript.' }, ...NODE_BUILTINS.map((name) => ({ name }))],
        patterns: [{ group: ['node:*', '**/src-main/**', '**/src-renderer/**'], message: 'The contract is pure TypeScript: no Node, no main, no UI.' }],
      }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' }] }],
      // Issue #21: a deferred transaction that reads then writes fails at once with SQLITE_BUSY when another
      // process writes meanwhile. Every ledger write transaction goes through ledger/write-transaction.ts.
      'no-restricted-syntax': ['error', ...LEDGER_TRANSACTION_RULES],
    },
  },
  {
    // Issue 16: arrows point down. Services, core/, domain/ and ledger/ never import the composition root (app/) or
    // a door (host/, ipc/, cli/, electron/): what they need from there belongs in core/.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/app/**', 'src-main/host/**', 'src-main/ipc/**', 'src-main/cli/**', 'src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' },
        { group: ['**/app', '**/app/**', '**/host/**', '**/ipc/**', '**/cli/**', '**/electron/**', '!electron'], message: 'A service never imports the composition root (app/) or a door (host/, ipc/, cli/, electron/); shared pieces live in src-main/core/.' },
      ] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/**/*-store.ts', 'src-main/**/*-repo.ts', 'src-main/ledger/migrations/**'],
    rules: { 'no-restricted-properties': ['error', ...SQL_PLACE_RULES] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', globalThis: 'readonly' } },
  },
);
