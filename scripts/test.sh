#!/usr/bin/env bash
# Runs all of Oar's tests and prints one summary line at the end:
#   lit    FileCheck tests of dialects, passes, importer and diagnostics
#   unit   gtest unit tests (parameter and program decoding)
#   e2e    pytest: programs built by Paddle, the field models, bad inputs
# With --asan, the lit tests, the e2e bad-input and import tests, the
# `oar convert` CLI tests and the field-model conversions run again on an
# AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/).
#
# Usage: scripts/test.sh [--asan]     (after scripts/setup.sh)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ASAN=0
[ "${1:-}" = "--asan" ] && ASAN=1

PY=.venv/bin/python
LIT=/usr/lib/llvm-22/bin/lit
passed=0 failed=0 skipped=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }
num() { grep -oE "$1" "$2" | grep -oE '[0-9]+' | tail -1 || true; }

run_lit() { # build dir
  local log; log=$(mktemp)
  "$LIT" -sv "$1/test" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f s
  p=$(num 'Passed *: *[0-9]+' "$log"); f=$(num 'Failed *: *[0-9]+' "$log")
  s=$(num 'Unsupported *: *[0-9]+' "$log")
  add "${p:-0}" "${f:-0}" "${s:-0}"
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then add 0 1 0; fi
}

run_pytest() { # pytest args...
  local log; log=$(mktemp)
  "$PY" -m pytest -q -p no:cacheprovider "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line p f e s
  line=$(grep -E '(passed|failed|skipped|error)' "$log" | tail -1)
  p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
  f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
  e=$(echo "$line" | grep -oE '[0-9]+ errors?' | grep -oE '[0-9]+')
  s=$(echo "$line" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+')
  add "${p:-0}" $(( ${f:-0} + ${e:-0} )) "${s:-0}"
  # Exit 5 is "no tests collected": a failure here, never a pass.
  if [ "$rc" -ne 0 ] && [ $(( ${f:-0} + ${e:-0} )) -eq 0 ]; then add 0 1 0; fi
}

echo "== build"
if ! scripts/build.sh build; then
  echo "summary: 0 passed, 1 failed"
  exit 1
fi

echo "== lit"
run_lit build

echo "== unit"
log=$(mktemp)
ctest --test-dir build --output-on-failure 2>&1 | tee "$log"
ut=$(grep -oE '[0-9]+ tests failed out of [0-9]+' "$log" | grep -oE '[0-9]+' | tr '\n' ' ')
read -r uf ut_total <<<"${ut:-0 0}"
add $((ut_total - uf)) "$uf" 0

echo "== e2e"
OAR_BIN_DIR="$ROOT/build/bin" run_pytest test/e2e

if [ "$ASAN" = 1 ]; then
  echo "== asan build"
  if scripts/build.sh build-asan -DOAR_SANITIZE=ON; then
    # allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons each new slab
    # in inline code (ours, instrumented) and unpoisons allocations in inline
    # code too, but Debian's MLIR libraries are not instrumented, so memory
    # they allocate from a slab our code started stays poisoned: false
    # use-after-poison reports (first seen when the onnx dialect registered
    # a type). Heap, stack and global checks are unaffected.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allow_user_poisoning=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    echo "== lit (asan)"
    run_lit build-asan
    echo "== e2e bad inputs, imports and conversions (asan)"
    OAR_BIN_DIR="$ROOT/build-asan/bin" run_pytest \
      test/e2e/test_bad_inputs.py test/e2e/test_import.py \
      test/e2e/test_convert_cli.py "test/e2e/test_pir_import.py::test_pir_bad_inputs"
    OAR_BIN_DIR="$ROOT/build-asan/bin" run_pytest \
      test/e2e/test_convert.py -k field
  else
    add 0 1 0
  fi
fi

echo "summary: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
