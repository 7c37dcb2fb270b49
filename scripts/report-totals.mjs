// Totals the jest and Playwright JSON reports into the closing `N passed, N failed` line, so a run
// that executed no test is visible. Usage: report-totals.mjs <jest.json> <playwright.json> <failedSteps>
// Exits non-zero when a test failed, a report is missing, no test ran, or a step failed.
import { existsSync, readFileSync } from 'node:fs';

const [jestFile, playwrightFile, failedStepsArg = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const problems = [];

function read(file) {
  if (!existsSync(file)) {
    problems.push(`missing report ${file}`);
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const jest = read(jestFile);
if (jest) {
  passed += jest.numPassedTests;
  // A suite that fails to load has no failed test; count it as one failure so it cannot hide.
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped in ${jest.numTotalTestSuites} suites`,
  );
}
const playwright = read(playwrightFile);
if (playwright) {
  const s = playwright.stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  console.log(`playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped`);
  if (playwright.errors?.length) {
    failed += playwright.errors.length;
    problems.push(`playwright errors: ${playwright.errors.map((e) => e.message).join('; ')}`);
  }
}
for (const p of problems) console.log(`problem: ${p}`);
const failedSteps = Number(failedStepsArg);
const ok = failed === 0 && passed > 0 && problems.length === 0 && failedSteps === 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
