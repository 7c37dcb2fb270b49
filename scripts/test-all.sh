#!/usr/bin/env bash
# README command 2: install what is needed, then lint, format check, type-check, unit + integration
# (jest, every project), build, and e2e (Playwright in Debian's chromium). Every step runs even if
# an earlier one failed, so one run shows every problem; the last line is the test total.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh || { echo "[test] install failed"; echo "0 passed, 1 failed"; exit 1; }

export CI=true NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NG_CLI_ANALYTICS=false
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_nodedir="${npm_config_nodedir:-/usr}"
rm -rf reports && mkdir -p reports
failed_steps=()
run_step() {
  local name=$1; shift
  local t0=$SECONDS
  printf '\n[test] ── %s ──\n' "$name"
  if "$@"; then printf '[test] %s passed (%d s)\n' "$name" $((SECONDS - t0))
  else printf '[test] %s FAILED (%d s)\n' "$name" $((SECONDS - t0)); failed_steps+=("$name"); fi
}

run_step lint npx nx run-many -t lint --outputStyle=static
run_step format npx nx format:check --all
run_step typecheck npx nx run-many -t typecheck --outputStyle=static
run_step "unit + integration (jest)" npx jest --ci --json --outputFile=reports/jest.json
run_step build npx nx run-many -t build -p client server --outputStyle=static
run_step "e2e (playwright)" npx playwright test -c e2e/playwright.config.ts

echo
[ ${#failed_steps[@]} -eq 0 ] || echo "[test] failed steps: ${failed_steps[*]}"
node scripts/report-totals.mjs reports/jest.json reports/playwright.json ${#failed_steps[@]}
