#!/usr/bin/env bash
# Installs everything e-Cabinet needs on Debian/Ubuntu, offline-friendly and idempotent:
#   1. Debian packages (only the missing ones),
#   2. npm dependencies (`npm ci`, skipped when package-lock.json has not changed since the last run),
#   3. the mediasoup worker, built from the source inside the npm package (cached outside the clone).
# Env: ECABINET_SKIP_APT=1 skips step 1 (e.g. in a prepared image); ECABINET_NO_BROWSER=1 leaves out
# chromium (runtime images); ECABINET_CACHE_DIR moves the worker cache (default ~/.cache/e-cabinet).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n[install] %s\n' "$*"; }
die() { printf '\n[install] ERROR: %s\n' "$*" >&2; exit 1; }
started=$SECONDS

# Build tools and libraries for the mediasoup worker, chromium for e2e, ffmpeg for media tests,
# fonts for the Vietnamese demo PDFs, poppler/qpdf for document ingest (page count, thumbnails, text,
# linearized copies), LibreOffice (headless, no GUI) to convert Office uploads to PDF.
APT_PACKAGES=(
  g++ make patch pkg-config python3 python3-venv
  libssl-dev libuv1-dev libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler libusrsctp-dev liburing-dev
  chromium ffmpeg fonts-dejavu-core poppler-utils qpdf
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
)

step "1/3 Debian packages"
if [ "${ECABINET_SKIP_APT:-0}" = 1 ]; then
  echo "skipped (ECABINET_SKIP_APT=1)"
else
  command -v dpkg-query >/dev/null || die "dpkg-query not found: this script needs Debian or Ubuntu (or set ECABINET_SKIP_APT=1 and install the packages listed in scripts/install.sh yourself)"
  if [ "${ECABINET_NO_BROWSER:-0}" = 1 ]; then
    kept=(); for pkg in "${APT_PACKAGES[@]}"; do [ "$pkg" = chromium ] || kept+=("$pkg"); done; APT_PACKAGES=("${kept[@]}")
  fi
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "all ${#APT_PACKAGES[@]} packages present"
  else
    echo "installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
      || die "apt-get install failed for: ${missing[*]}"
  fi
fi

step "2/3 npm dependencies"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node $(node -v) found; e-Cabinet needs Node 20.19 or newer"
export npm_config_nodedir="${npm_config_nodedir:-/usr}"   # node-gyp uses Debian's Node headers: no download
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1                  # e2e uses Debian's chromium
stamp=node_modules/.e-cabinet-lock.sha256
want=$( (sha256sum package-lock.json; node -v) | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "node_modules matches package-lock.json: npm ci skipped"
else
  npm ci --no-audit --no-fund || die "npm ci failed (see the npm error above)"
  echo "$want" > "$stamp"
fi

step "3/3 mediasoup worker"
bash scripts/mediasoup/build-worker.sh node_modules/mediasoup || die "mediasoup worker build failed"

step "done in $((SECONDS - started)) s"
