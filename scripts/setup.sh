#!/usr/bin/env bash
# Sets up a fresh Debian 12 (bookworm) machine for Oar, then builds it.
# Idempotent: installed packages, the virtual environment and the build are
# reused when present.
#
#   scripts/setup.sh            packages, test venvs (.venv; .venv-paddle3
#                               and .venv-paddle30 for PIR), build (build/)
#   OAR_SETUP_NO_BUILD=1 ...    skip the build
#   OAR_BUILD_DIR=dir ...       build elsewhere (default: build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${OAR_BUILD_DIR:-build}

DEB_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  protobuf-compiler libprotobuf-dev libonnx-dev libgtest-dev
  libsimdjson-dev
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Test environment: Paddle is the oracle, onnxruntime runs exported models.
# The benchmark's paddle2onnx (bench/requirements.txt) has no dependencies of
# its own and shares the venv.
PYTHON=${PYTHON:-python3}
REQS=(test/e2e/requirements.txt bench/requirements.txt)
STAMP=.venv/.requirements.sha256
want=$(cat "${REQS[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv from ${REQS[*]}"
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q "${REQS[@]/#/-r}"
  echo "$want" > "$STAMP"
fi

# Paddle 3.x, in venvs of their own, saves the PIR (.json) programs of
# test/e2e/test_pir_import.py: 3.3.1 (serialization version 4) and 3.0.0
# (version 1). .venv keeps Paddle 2.6 (legacy format).
for v in paddle3 paddle30; do
  reqs=test/e2e/requirements-$v.txt
  stamp=.venv-$v/.requirements.sha256
  want_v=$(sha256sum "$reqs" | cut -d' ' -f1)
  if [ ! -x .venv-$v/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_v" ]; then
    echo "setup: creating .venv-$v from $reqs"
    "$PYTHON" -m venv .venv-$v
    .venv-$v/bin/python -m pip install -q --upgrade pip
    .venv-$v/bin/python -m pip install -q -r "$reqs"
    echo "$want_v" > "$stamp"
  fi
done

if [ -z "${OAR_SETUP_NO_BUILD:-}" ]; then
  scripts/build.sh "$BUILD_DIR"
fi
echo "setup: done"
