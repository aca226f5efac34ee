#!/usr/bin/env bash
# The main job on the example kept in the repository (test/Inputs/lenet, a
# small LeNet saved by Paddle with its parameters): summarize it, import it
# into the pd dialect, convert it to ONNX, and check the ONNX model against
# Paddle's own output in onnxruntime.
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
echo
echo "\$ oar convert test/Inputs/lenet/lenet.pdmodel -o $OUT/lenet.onnx"
"$BIN/oar" convert "$MODEL" -o "$OUT/lenet.onnx"
echo "\$ scripts/run_onnx.py $OUT/lenet.onnx test/Inputs/lenet/lenet.expected.npz"
"$ROOT/.venv/bin/python" "$ROOT/scripts/run_onnx.py" "$OUT/lenet.onnx" \
  "$ROOT/test/Inputs/lenet/lenet.expected.npz"
