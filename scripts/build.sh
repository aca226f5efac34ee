#!/usr/bin/env bash
# Configures (once) and builds Oar.
#   scripts/build.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${1:-build}
shift || true
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DPython3_EXECUTABLE="$ROOT/.venv/bin/python" \
    "$@"
fi
# ccache keys on relative paths under the checkout, so that clones at other
# paths (CI, worktrees) share the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
# Two cores, 24 GiB: MLIR's TableGen'd files are heavy, keep jobs at 2.
ninja -C "$BUILD_DIR" -j "${OAR_JOBS:-2}"
