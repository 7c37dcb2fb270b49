#!/usr/bin/env bash
# README command 1: install what is needed, build the client and server, run on http://127.0.0.1:3000
# with the sqlite database and seeded demo under ./data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NG_CLI_ANALYTICS=false
printf '\n[start] building client and server\n'
npx nx run-many -t build -p client server
printf '\n[start] starting e-Cabinet (Ctrl+C to stop)\n'
export NODE_ENV=production
exec node dist/server/main.js
