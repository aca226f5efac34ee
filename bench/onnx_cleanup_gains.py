#!/usr/bin/env python3
"""What the onnx cleanup passes remove: ops per type and initializers, per
model, with the cleanup off, each pass alone, and all of them.

Two ways to measure (both on the field models in $OAR_FIELD_MODELS, default
../shared/models, or the models named on the command line):

  mlir (default): import with oar-translate, then run oar-opt's
    pd-to-onnx-pipeline with optimize=false, then canonicalize,
    convert-pd-to-onnx and each cleanup pass alone, then optimize=true; count
    `onnx.*` ops in the printed IR (weights elided).
  onnx (--via-convert): `oar convert` with and without --no-optimize, then
    count graph nodes per op type and initializers with the `onnx` package.

  python bench/onnx_cleanup_gains.py [--bin-dir build/bin] [--via-convert]
                                     [--json out.json] [MODEL_DIR ...]

Models saved without their parameters get a parameters file of constant
values (0.5) beside a copy of the program (test/e2e/pdesc.py and
test/Inputs/encode.py, which need the test environment's paddle).

A report, not a test: it prints a table and exits 0 unless a tool fails.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PASSES = ["onnx-fold-constants", "onnx-eliminate-redundant",
          "onnx-fuse-bn-into-conv", "onnx-fuse-gemm"]
OP_RE = re.compile(r'(?:=|^)\s*"?onnx\.([A-Za-z0-9_]+)"?[ (]', re.M)


def find_program(model_dir):
    """The program file of a model directory (.pdmodel or __model__)."""
    for pattern in ("*.pdmodel", "__model__", "*/*.pdmodel", "*/__model__"):
        hits = sorted(glob.glob(os.path.join(model_dir, pattern)))
        if hits:
            return hits[0]
    return None


def with_params(program, tmp):
    """`program`, or a copy of it beside a synthesized parameters file when
    it has none."""
    if program.endswith(".pdmodel"):
        if os.path.exists(program[:-len(".pdmodel")] + ".pdiparams"):
            return program
    elif os.path.exists(os.path.join(os.path.dirname(program), "__params__")):
        return program
    sys.path[:0] = [os.path.join(REPO, "test", "e2e"),
                    os.path.join(REPO, "test", "Inputs")]
    import encode  # noqa: E402
    import pdesc  # noqa: E402
    params = pdesc.Program(program).params()
    copy = os.path.join(tmp, "model.pdmodel")
    with open(program, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    with open(os.path.join(tmp, "model.pdiparams"), "wb") as out:
        for p in params:
            out.write(encode.record(p.dtype, [max(d, 1) for d in p.dims], 0.5))
    return copy


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        why = "\n  ".join(errors[:6]) or proc.stderr.strip()[-2000:]
        shown = [os.path.basename(cmd[0])] + [a for a in cmd[1:]
                                              if not a.startswith("-mlir")]
        raise RuntimeError(f"{' '.join(shown)}:\n  {why}")
    return proc.stdout


def count_mlir(text):
    ops = collections.Counter(OP_RE.findall(text))
    ops.pop("NoValue", None)
    initializers = ops.pop("Constant", 0)
    return {"nodes": sum(ops.values()), "initializers": initializers,
            "ops": dict(ops)}


def measure_mlir(bins, program, tmp):
    program = with_params(program, tmp)
    imported = os.path.join(tmp, "imported.mlirbc")
    run([os.path.join(bins, "oar-translate"), "--import-paddle", program,
         "--emit-bytecode", "-o", imported])
    opt = os.path.join(bins, "oar-opt")
    elide = ["-mlir-elide-elementsattrs-if-larger=16",
             "-mlir-elide-resource-strings-if-larger=16"]
    variants = {"none": "--pd-to-onnx-pipeline=optimize=false"}
    for p in PASSES:
        variants[p] = ("--pass-pipeline=builtin.module(canonicalize,"
                       f"convert-pd-to-onnx,func.func({p}))")
    variants["all"] = "--pd-to-onnx-pipeline=optimize=true"
    return {name: count_mlir(run([opt, imported, flag] + elide))
            for name, flag in variants.items()}


def count_onnx(path):
    import onnx  # only this mode needs it
    model = onnx.load(path, load_external_data=False)
    ops = collections.Counter(n.op_type for n in model.graph.node)
    initializers = len(model.graph.initializer) + ops.pop("Constant", 0)
    return {"nodes": sum(ops.values()), "initializers": initializers,
            "ops": dict(ops)}


def measure_convert(bins, program, tmp):
    program = with_params(program, tmp)
    result = {}
    for name, extra in (("none", ["--no-optimize"]), ("all", [])):
        out = os.path.join(tmp, f"{name}.onnx")
        run([os.path.join(bins, "oar"), "convert", program, "-o", out] + extra)
        result[name] = count_onnx(out)
    return result


def report(model, counts):
    base = counts["none"]
    print(f"\n== {model}")
    print(f"{'variant':28} {'nodes':>7} {'inits':>7}  removed ops")
    for name, c in counts.items():
        delta = collections.Counter(base["ops"])
        delta.subtract(c["ops"])
        changed = ", ".join(f"{op} {-d:+d}" for op, d in
                            sorted(delta.items(), key=lambda kv: -abs(kv[1]))
                            if d)
        print(f"{name:28} {c['nodes']:7d} {c['initializers']:7d}  {changed}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin-dir", default=os.path.join(REPO, "build", "bin"))
    ap.add_argument("--via-convert", action="store_true",
                    help="measure `oar convert` output with the onnx package")
    ap.add_argument("--json", help="also write the counts here")
    ap.add_argument("models", nargs="*")
    args = ap.parse_args()

    models = args.models
    if not models:
        root = os.environ.get("OAR_FIELD_MODELS",
                              os.path.join(REPO, "..", "shared", "models"))
        models = sorted(d for d in glob.glob(os.path.join(root, "*"))
                        if os.path.isdir(d))
    measure = measure_convert if args.via_convert else measure_mlir
    results, failed = {}, 0
    for model in models:
        program = find_program(model)
        if not program:
            print(f"skip {model}: no program file", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                counts = measure(args.bin_dir, program, tmp)
            except RuntimeError as e:
                print(f"fail {model}: {e}", file=sys.stderr)
                failed += 1
                continue
        results[os.path.basename(model.rstrip("/"))] = counts
        report(model, counts)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
