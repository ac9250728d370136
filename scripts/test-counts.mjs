// Turns each runner's JSON report into passed / failed / skipped, counting what did not run because of a
// failure as a failure. vitest reports the tests of a file whose beforeAll (or import) failed as "skipped",
// and Playwright does the same after a failed hook: counted as skips, a broken harness would look like a
// quiet machine. Only a skip asked for in the test itself (it.skip / test.skip with a reason) stays a skip.

/** vitest --reporter=json → counts, plus notes naming files that failed outside any test. */
export function countVitest(report) {
  const c = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    const fileFailed = file.status === 'failed';
    let failedHere = 0;
    for (const t of tests) {
      if (t.status === 'passed') c.passed += 1;
      else if (t.status === 'failed' || fileFailed) failedHere += 1;
      else c.skipped += 1;
    }
    if (fileFailed && failedHere === 0) failedHere = 1;
    if (fileFailed && !tests.some((t) => t.status === 'failed')) {
      c.notes.push(`${file.name}: failed outside its tests (a hook or the file itself); ${failedHere} counted as failed`);
    }
    c.failed += failedHere;
  }
  return c;
}

function* playwrightTests(suite) {
  for (const spec of suite.specs ?? []) yield* spec.tests ?? [];
  for (const child of suite.suites ?? []) yield* playwrightTests(child);
}

/** Playwright JSON reporter → counts. A skipped test without a skip annotation did not run because of a failure. */
export function countPlaywright(report) {
  const c = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const suite of report.suites ?? []) {
    for (const t of playwrightTests(suite)) {
      if (t.status === 'expected' || t.status === 'flaky') c.passed += 1;
      else if (t.status === 'skipped' && (t.annotations ?? []).some((a) => a.type === 'skip' || a.type === 'fixme')) c.skipped += 1;
      else c.failed += 1;
    }
  }
  // Errors outside any test (global setup, a spec that does not load) leave no test to count.
  if ((report.errors ?? []).length && c.failed === 0) {
    c.failed = 1;
    c.notes.push(`${report.errors.length} error(s) outside any test: counted as 1 failure`);
  }
  return c;
}
