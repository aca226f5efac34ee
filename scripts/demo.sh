#!/usr/bin/env bash
# The main job on the example kept in the repository (test/Inputs/lenet, a
# small LeNet saved by Paddle with its parameters): summarize it, import it
# into the pd dialect, and canonicalize it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${OAR_BIN_DIR:-$ROOT/build/bin}
MODEL=$ROOT/test/Inputs/lenet/lenet.pdmodel
OUT=${OAR_DEMO_OUT:-$ROOT/build/demo}
mkdir -p "$OUT"

echo "\$ oar inspect test/Inputs/lenet/lenet.pdmodel"
"$BIN/oar" inspect "$MODEL"
echo
echo "\$ oar-translate --import-paddle lenet.pdmodel -o $OUT/lenet.pd.mlir"
"$BIN/oar-translate" --import-paddle "$MODEL" -o "$OUT/lenet.pd.mlir"
echo "\$ oar-opt -canonicalize $OUT/lenet.pd.mlir"
"$BIN/oar-opt" -canonicalize "$OUT/lenet.pd.mlir" -o "$OUT/lenet.canonical.mlir"
sed -n '1,/^  }/p' "$OUT/lenet.canonical.mlir"
echo
echo "ops before: $(grep -c ' = pd\.' "$OUT/lenet.pd.mlir"), after canonicalization: $(grep -c ' = pd\.' "$OUT/lenet.canonical.mlir")"
