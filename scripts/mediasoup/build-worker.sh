#!/usr/bin/env bash
# Builds mediasoup's C++ worker (mediasoup-worker) from the sources shipped in its npm package,
# against Debian's libraries, downloading nothing but meson/ninja from pip; caches the binary
# outside the clone and installs it where mediasoup looks for it. See README.md in this folder.
#
#   scripts/mediasoup/build-worker.sh [MEDIASOUP_PKG_DIR]    (default: $PWD/node_modules/mediasoup)
#
# Env:
#   ECABINET_CACHE_DIR        cache root (default ~/.cache/e-cabinet); binaries and the meson venv
#                             live in <root>/mediasoup-worker/
#   MEDIASOUP_WORKER_BIN      if it names an existing file: nothing is built (mediasoup reads this
#                             variable at run time and uses that binary)
#   MEDIASOUP_ALLOW_DOWNLOAD  1: if the source build fails, run mediasoup's own installer
#                             (downloads a prebuilt worker; needs internet)
#   MEDIASOUP_BUILD_JOBS      ninja jobs (default: nproc)
#   MEDIASOUP_KEEP_BUILD_DIR  1: keep the temporary build folder (debugging)
set -euo pipefail

readonly here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[mediasoup-worker] %s\n' "$*"; }
warn() { printf '[mediasoup-worker] WARNING: %s\n' "$*" >&2; }
die() { printf '[mediasoup-worker] ERROR: %s\n' "$*" >&2; exit 1; }

# Options the worker is configured with (part of the cache key). liburing is disabled: bookworm's
# liburing 2.3 lacks three 2.4 helpers mediasoup calls; the worker then sends through libuv, as it
# does on kernels < 6.
readonly meson_options=(--buildtype=release -Db_ndebug=true --wrap-mode=nodownload -Dms_disable_liburing=true)
# Debian packages whose versions go into the cache key.
readonly key_packages=(g++ libssl-dev libuv1-dev libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler libusrsctp-dev)
readonly pip_packages=('meson>=1.1.0' 'ninja')

# ---------------------------------------------------------------------------------------- package
pkg_arg="${1:-$PWD/node_modules/mediasoup}"
[ -d "$pkg_arg" ] || die "mediasoup package folder not found: $pkg_arg (run npm ci first, or pass the folder)"
pkg="$(cd "$pkg_arg" && pwd)"
[ -f "$pkg/package.json" ] || die "no package.json in $pkg"
command -v node >/dev/null || die "node is not on PATH"
pkg_name="$(node -p 'require(process.argv[1]).name' "$pkg/package.json")" || die "cannot read $pkg/package.json"
[ "$pkg_name" = mediasoup ] || die "$pkg is package '$pkg_name', not mediasoup"
version="$(node -p 'require(process.argv[1]).version' "$pkg/package.json")"
[ -f "$pkg/worker/meson.build" ] && [ -d "$pkg/worker/src" ] || die "mediasoup $version at $pkg has no worker sources (worker/meson.build, worker/src)"
target="$pkg/worker/out/Release/mediasoup-worker"
log "mediasoup $version at $pkg"

if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  if [ -f "$MEDIASOUP_WORKER_BIN" ]; then
    log "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN exists: using it, nothing to build"
    exit 0
  fi
  warn "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an existing file; building anyway (mediasoup will still look there at run time while it is set)"
fi

# ------------------------------------------------------------------------------------- self-check
# A worker started without mediasoup's environment (MEDIASOUP_VERSION) exits with 41: proof that it
# loads its shared libraries and starts.
self_check() {
  local bin="$1" code=0 out
  out="$(env -u MEDIASOUP_VERSION timeout 20 "$bin" </dev/null 2>&1)" || code=$?
  if [ "$code" -ne 41 ]; then
    printf '%s\n' "$out" | tail -n 5 >&2
    if command -v ldd >/dev/null && ldd "$bin" 2>/dev/null | grep -q 'not found'; then
      ldd "$bin" | grep 'not found' >&2
    fi
    warn "self-check of $bin failed: exit code $code, expected 41"
    return 1
  fi
}

# -------------------------------------------------------------------------------------- cache key
# mediasoup version + sha256 of every build input: this script, the subproject shims (including the
# libsrtp compat header), the patches, the Debian -dev package versions, the meson options, the CPU.
key_inputs() {
  echo "mediasoup $version"
  echo "meson options: ${meson_options[*]}"
  echo "arch: $(uname -m)"
  (cd "$here" && find build-worker.sh subprojects patches -type f | LC_ALL=C sort | xargs sha256sum)
  if command -v dpkg-query >/dev/null; then
    dpkg-query -W -f='${Package} ${Version} ${Architecture}\n' "${key_packages[@]}" 2>&1 || true
  else
    echo "no dpkg-query"
  fi
}
hash="$(key_inputs | sha256sum | cut -c1-16)"
cache_base="${ECABINET_CACHE_DIR:-$HOME/.cache/e-cabinet}/mediasoup-worker"
cache_dir="$cache_base/$version-$hash"
cached="$cache_dir/mediasoup-worker"
venv="$cache_base/venv"

mkdir -p "$cache_base" || die "cannot create the cache folder $cache_base"
# One build at a time per cache (two installs at once wait for each other).
if command -v flock >/dev/null; then
  exec 9>"$cache_base/.lock"
  flock -w 3600 9 || die "timed out waiting for another build-worker.sh run (lock $cache_base/.lock)"
fi

install_binary() {
  local from="$1"
  mkdir -p "$(dirname "$target")"
  if cmp -s "$from" "$target" 2>/dev/null; then
    log "already installed: $target"
  else
    cp "$from" "$target.tmp.$$" && chmod 755 "$target.tmp.$$" && mv -f "$target.tmp.$$" "$target" \
      || die "cannot install the worker into $target"
    log "installed $target"
  fi
  self_check "$target" || die "the installed worker does not run (see above)"
}

if [ -f "$cached" ]; then
  if self_check "$cached"; then
    log "cache hit: $cached ($(du -h "$cached" | cut -f1))"
    install_binary "$cached"
    exit 0
  fi
  warn "cached binary $cached does not run: discarding it and rebuilding"
  rm -f "$cached"
fi

# ------------------------------------------------------------------------------- build from source
check_build_deps() {
  local missing=() pair
  command -v pkg-config >/dev/null || die "pkg-config not found: apt-get install pkg-config"
  # pkg-config module : Debian package
  for pair in openssl:libssl-dev libuv:libuv1-dev libsrtp2:libsrtp2-dev usrsctp:libusrsctp-dev \
    flatbuffers:libflatbuffers-dev absl_flat_hash_map:libabsl-dev absl_strings:libabsl-dev; do
    pkg-config --exists "${pair%%:*}" || missing+=("${pair#*:}")
  done
  # command : Debian package
  for pair in g++:g++ flatc:flatbuffers-compiler python3:python3 patch:patch strip:binutils; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  if ! "$venv/bin/meson" --version >/dev/null 2>&1 && command -v python3 >/dev/null \
    && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    die "missing build dependencies; install them with: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  fi
}

ensure_venv() {
  if "$venv/bin/meson" --version >/dev/null 2>&1 && "$venv/bin/ninja" --version >/dev/null 2>&1; then
    return 0
  fi
  log "creating a python venv with ${pip_packages[*]} in $venv"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv $venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --disable-pip-version-check "${pip_packages[@]}" >"$cache_base/pip.log" 2>&1 || {
    tail -n 20 "$cache_base/pip.log" >&2
    rm -rf "$venv"
    die "pip install ${pip_packages[*]} failed (log above; is a pip index or mirror reachable?)"
  }
}

# Runs in a subshell with its own `set -e`: any failure ends it, and the caller decides whether to
# fall back to mediasoup's installer.
build_from_source() {
  set -euo pipefail
  local started=$SECONDS
  log "no cached worker for key $hash: building from source (about 3-5 min on 2 cores)"
  check_build_deps
  ensure_venv
  export PATH="$venv/bin:$PATH"
  log "meson $(meson --version), ninja $(ninja --version), $(g++ --version | head -n 1), flatc $(flatc --version | awk '{print $NF}')"

  # Not `local`: the EXIT trap of this subshell still needs them after the function returned.
  work="$(mktemp -d "${TMPDIR:-/tmp}/e-cabinet-mediasoup-worker.XXXXXX")"
  ninja_pid=""
  cleanup() {
    [ -z "$ninja_pid" ] || kill "$ninja_pid" 2>/dev/null || true
    if [ "${MEDIASOUP_KEEP_BUILD_DIR:-0}" = 1 ]; then
      log "kept the build folder $work (MEDIASOUP_KEEP_BUILD_DIR=1)"
    else
      rm -rf "$work"
    fi
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  # Build in a copy: node_modules only ever receives the finished binary.
  local src="$work/worker"
  mkdir -p "$src"
  cp -a "$pkg/worker/." "$src/" || die "cannot copy $pkg/worker to $src"
  rm -rf "$src/out"

  # Subproject shims: meson with --wrap-mode=nodownload uses a subproject folder that already
  # exists, so each shim goes where the .wrap's 'directory' points.
  local shim name wrap dir
  for shim in "$here"/subprojects/*/; do
    name="$(basename "$shim")"
    wrap="$src/subprojects/$name.wrap"
    [ -f "$wrap" ] || die "mediasoup $version has no subprojects/$name.wrap: the shims in $here/subprojects need review for this version"
    dir="$(sed -n 's/^[[:space:]]*directory[[:space:]]*=[[:space:]]*//p' "$wrap" | head -n 1 | tr -d '\r[:space:]')"
    [ -n "$dir" ] || die "no 'directory' in $name.wrap"
    rm -rf "$src/subprojects/$dir"
    cp -a "$shim" "$src/subprojects/$dir"
    log "shim subprojects/$dir <- scripts/mediasoup/subprojects/$name"
  done
  for wrap in "$src"/subprojects/*.wrap; do
    name="$(basename "$wrap" .wrap)"
    case "$name" in
      liburing | wingetopt) ;; # disabled (-Dms_disable_liburing=true) / Windows only
      *) [ -d "$here/subprojects/$name" ] || warn "subprojects/$name.wrap has no shim: meson will fail if the worker needs it" ;;
    esac
  done

  local patch_file
  for patch_file in "$here"/patches/*.patch; do
    log "applying patches/$(basename "$patch_file")"
    (cd "$src" && patch -p1 --forward --batch --fuzz=0 --dry-run --quiet <"$patch_file" >/dev/null) \
      || die "patches/$(basename "$patch_file") does not apply to mediasoup $version: review it for this version"
    (cd "$src" && patch -p1 --forward --batch --fuzz=0 --quiet <"$patch_file") \
      || die "applying patches/$(basename "$patch_file") failed"
  done

  log "meson setup ${meson_options[*]}"
  (cd "$src" && meson setup out/build "${meson_options[@]}") >"$work/meson-setup.log" 2>&1 || {
    tail -n 40 "$work/meson-setup.log" >&2
    die "meson setup failed (log above)"
  }

  local jobs="${MEDIASOUP_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
  log "ninja: mediasoup-worker, $jobs jobs"
  # The flatbuffers headers first: worker/meson.build orders nothing between them and the sources.
  # `exec`: the background pid is ninja itself, which stops its compilers when killed.
  (cd "$src" && ninja -C out/build fbs/FBS && exec ninja -C out/build -j "$jobs" mediasoup-worker) \
    >"$work/ninja.log" 2>&1 &
  ninja_pid=$!
  local tick=0
  while kill -0 "$ninja_pid" 2>/dev/null; do
    sleep 2
    tick=$((tick + 2))
    if [ $((tick % 30)) -eq 0 ]; then
      log "  ... $(grep -o '^\[[0-9]*/[0-9]*\]' "$work/ninja.log" | tail -n 1) after ${tick}s"
    fi
  done
  wait "$ninja_pid" || {
    ninja_pid=""
    grep -E -m 30 'error:|undefined reference|FAILED' "$work/ninja.log" >&2 || tail -n 40 "$work/ninja.log" >&2
    die "compiling the worker failed (errors above)"
  }

  ninja_pid=""
  local built="$src/out/build/mediasoup-worker"
  [ -f "$built" ] || die "ninja succeeded but $built is missing"
  strip --strip-unneeded "$built"
  self_check "$built" || die "the freshly built worker does not run"

  # Store atomically: a half-written binary never sits under the final name.
  mkdir -p "$cache_dir"
  cp "$built" "$cache_dir/.mediasoup-worker.tmp.$$"
  chmod 755 "$cache_dir/.mediasoup-worker.tmp.$$"
  {
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) in $((SECONDS - started)) s on $(hostname)"
    key_inputs
  } >"$cache_dir/build-info.txt"
  mv -f "$cache_dir/.mediasoup-worker.tmp.$$" "$cached"
  log "built in $((SECONDS - started)) s; cached $cached ($(du -h "$cached" | cut -f1))"
}

set +e
(build_from_source)
build_rc=$?
set -e

if [ "$build_rc" -eq 0 ]; then
  install_binary "$cached"
  exit 0
fi
[ "$build_rc" -ne 130 ] || die "interrupted"

if [ "${MEDIASOUP_ALLOW_DOWNLOAD:-0}" = 1 ]; then
  warn "source build failed; MEDIASOUP_ALLOW_DOWNLOAD=1: running mediasoup's own installer (downloads a prebuilt worker)"
  (cd "$pkg" && env -u MEDIASOUP_WORKER_BIN node npm-scripts.mjs postinstall) \
    || die "mediasoup's own installer failed too"
  [ -f "$target" ] || die "mediasoup's installer finished but $target is missing"
  self_check "$target" || die "the worker from mediasoup's installer does not run"
  log "installed $target from mediasoup's installer (not cached)"
  exit 0
fi
die "could not build the mediasoup worker (see above). On a machine with internet, MEDIASOUP_ALLOW_DOWNLOAD=1 lets mediasoup's installer download its prebuilt worker instead"
