"""Saves zoo.py cases with Paddle 3.x, and runs them there (the oracle).

Runs in .venv-paddle3 (test/e2e/requirements-paddle3.txt), not in the main
test venv: test_pir_import.py calls it as a subprocess.

    pir_save.py OUTDIR NAME...            PIR: OUTDIR/NAME.json + .pdiparams
    pir_save.py --legacy OUTDIR NAME...   ProgramDesc: OUTDIR/NAME.pdmodel
    pir_save.py --separate OUTDIR NAME... PIR, one file per parameter
                                          (separate_parameters=True):
                                          OUTDIR/NAME/__model__.json

For each case it builds the zoo program in static mode, fills every
persistable with seeded random values (batch-norm variances positive),
saves it with `paddle.static.save_inference_model` (PIR `.json` unless
`--legacy`, which sets FLAGS_enable_pir_api=0 before Paddle loads), loads
the saved model back with `load_inference_model`, runs it on seeded inputs
and writes the inputs and Paddle's outputs to OUTDIR/NAME.npz (keys
`in:<feed>` and `out:<i>`) and the fetch names to OUTDIR/NAME.fetch.
"""
import os
import sys

LEGACY = "--legacy" in sys.argv
SEPARATE = "--separate" in sys.argv
os.environ["FLAGS_enable_pir_api"] = "0" if LEGACY else "1"
os.environ.setdefault("GLOG_minloglevel", "2")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import warnings  # noqa: E402

import numpy as np  # noqa: E402
import paddle  # noqa: E402

import zoo  # noqa: E402

SEED = 20240601
# Feeds of the NLP models: (batch, sequence) and the id ranges.
NLP_SHAPE = (2, 7)
ID_HIGH = {"token_type_ids": 2}


def _inputs(name, feeds, rng):
    out = {}
    for v in feeds:
        shape = [d if d >= 0 else None for d in v.shape]
        if zoo.CASES[name].kind == "nlp":
            shape = list(NLP_SHAPE)
        shape = [2 if d is None else d for d in shape]
        dtype = str(v.dtype).replace("paddle.", "")
        if "int" in dtype:
            # Ids of the NLP models' vocabularies; indices of the per-op
            # cases, valid for every axis they index.
            high = ID_HIGH.get(v.name, 100) if zoo.CASES[name].kind == \
                "nlp" else 2
            out[v.name] = rng.integers(0 if high == 2 else 1, high,
                                       size=shape).astype(dtype)
        elif dtype == "bool":
            out[v.name] = rng.random(shape) > 0.5
        else:
            out[v.name] = rng.standard_normal(shape).astype(dtype)
    return out


def _randomize(main, scope, rng):
    """Seeded random values for every persistable: initializers would give
    batch-norm statistics (0, 1) that hide a swapped or ignored one."""
    names = sorted(v.name for v in main.list_vars() if v.persistable) \
        if LEGACY else sorted(p.name for p in main.global_block()
                              .all_parameters())
    for n in names:
        var = scope.find_var(n)
        if var is None:
            continue
        t = var.get_tensor()
        a = np.array(t)
        if a.dtype.kind != "f" or a.size == 0:
            continue
        if a.ndim >= 2:
            # Scaled by fan-in, so that deep nets without normalization
            # (vgg16, googlenet) keep their activations near 1.
            fan_in = a.shape[0] if a.ndim == 2 else a.size // a.shape[0]
            v = rng.standard_normal(a.shape) / np.sqrt(fan_in)
        elif "w_2" in n or "variance" in n.lower():  # batch-norm variance
            v = rng.uniform(0.5, 1.5, a.shape)
        elif n.endswith("w_0"):  # normalization scales
            v = 1.0 + 0.1 * rng.standard_normal(a.shape)
        else:
            v = 0.1 * rng.standard_normal(a.shape)
        t.set(v.astype(a.dtype), paddle.CPUPlace())


def save(name, outdir):
    paddle.enable_static()
    rng = np.random.default_rng(SEED)
    main, startup, feeds, fetches = zoo.build_program(name)
    prefix = os.path.join(outdir, name)
    # separate_parameters=True: Paddle writes DIR/__model__.json and one
    # file per parameter in DIR, whatever the prefix's file name.
    saved = os.path.join(prefix, "model") if SEPARATE else prefix
    scope = paddle.static.Scope()
    exe = paddle.static.Executor(paddle.CPUPlace())
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exe.run(startup)
        _randomize(main, scope, rng)
        paddle.static.save_inference_model(saved, feeds, fetches, exe,
                                           program=main,
                                           separate_parameters=SEPARATE)
    ins = _inputs(name, feeds, rng)
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope):
        prog, feed_names, fetch_vars = paddle.static.load_inference_model(
            prefix, exe, model_filename="__model__.json") if SEPARATE else \
            paddle.static.load_inference_model(prefix, exe)
        outs = exe.run(prog, feed={n: ins[n] for n in feed_names},
                       fetch_list=fetch_vars)
    arrays = {f"in:{k}": v for k, v in ins.items()}
    arrays.update({f"out:{i}": np.asarray(o) for i, o in enumerate(outs)})
    np.savez(prefix + ".npz", **arrays)


def main():
    args = [a for a in sys.argv[1:] if a not in ("--legacy", "--separate")]
    outdir, names = args[0], args[1:]
    os.makedirs(outdir, exist_ok=True)
    failed = 0
    for n in names:
        try:
            save(n, outdir)
        except Exception:  # reported per case by the test
            import traceback
            failed += 1
            with open(os.path.join(outdir, n + ".error"), "w") as f:
                f.write(traceback.format_exc())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
