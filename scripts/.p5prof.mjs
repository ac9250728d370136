import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';
const home = fs.mkdtempSync('/tmp/p5/home-');
fs.copyFileSync('/tmp/behalf-bench-tenants-100000/ledger.sqlite', `${home}/ledger.sqlite`);
const t0 = performance.now();
const proc = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/p5/prof', 'out/main/cli.js', 'serve', '--json', '--home', home], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((r) => {
  let b = '';
  proc.stdout.on('data', (d) => {
    b += d;
    const l = b.split('\n')[0];
    if (b.includes('\n')) r(JSON.parse(l).url);
  });
});
const tUrl = performance.now() - t0;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const tPage = performance.now() - t0;
await page.goto(url);
await page.locator('[data-testid^="tenant-row-"]').first().waitFor({ timeout: 30000 });
const tRows = performance.now() - t0;
console.log({ tUrl, tPage, tRows });
await browser.close();
proc.kill('SIGINT');
await new Promise((r) => proc.once('exit', r));
