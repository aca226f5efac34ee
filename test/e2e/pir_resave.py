"""Re-saves a legacy Paddle program as a PIR program with Paddle 3.x, and
runs the PIR program there (the oracle).

Runs in .venv-paddle3 or .venv-paddle30: test_pir_import.py calls it as a
subprocess.

    pir_resave.py MODEL PARAMS INPUTS.npz OUTPREFIX

Loads MODEL (.pdmodel) and PARAMS (.pdiparams) in Paddle 3's legacy mode,
translates the program to PIR with Paddle's own translator
(`paddle.pir.translate_to_pir`, what Paddle uses to run legacy programs),
saves it with `save_inference_model` in PIR mode as OUTPREFIX.json +
.pdiparams, loads that back, runs it on the arrays of INPUTS.npz (by feed
name) and writes its fetches to OUTPREFIX.npz (`out:<i>`). Such a program
has the translator's forms: `pd_op.feed` for the feeds and `builtin.slice`
for one element of a list. Errors leave OUTPREFIX.error.
"""
import os
import shutil
import sys
import traceback

os.environ["FLAGS_enable_pir_api"] = "0"
os.environ.setdefault("GLOG_minloglevel", "2")

import warnings  # noqa: E402

import numpy as np  # noqa: E402
import paddle  # noqa: E402


def resave(model, params, inputs, prefix):
    paddle.enable_static()
    exe = paddle.static.Executor(paddle.CPUPlace())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Paddle wants the program and the parameters side by side.
        src = prefix + ".legacy"
        shutil.copy(model, src + ".pdmodel")
        shutil.copy(params, src + ".pdiparams")
        prog, _, _ = paddle.static.load_inference_model(src, exe)
        pir_prog = paddle.pir.translate_to_pir(prog.desc)
        with paddle.pir_utils.IrGuard():
            ops = pir_prog.global_block().ops
            feeds = [op.result(0) for op in ops if op.name() == "pd_op.feed"]
            fetches = [op.operand_source(0) for op in ops
                       if op.name() == "pd_op.fetch"]
            paddle.static.save_inference_model(prefix, feeds, fetches, exe,
                                               program=pir_prog)
            scope = paddle.static.Scope()
            with paddle.static.scope_guard(scope):
                loaded, names, fetch_vars = \
                    paddle.static.load_inference_model(prefix, exe)
                outs = exe.run(loaded, feed={n: inputs[n] for n in names},
                               fetch_list=fetch_vars)
    np.savez(prefix + ".npz",
             **{f"out:{i}": np.asarray(o) for i, o in enumerate(outs)})


def main():
    model, params, inputs, prefix = sys.argv[1:5]
    os.makedirs(os.path.dirname(prefix), exist_ok=True)
    try:
        data = np.load(inputs)
        resave(model, params, {k: data[k] for k in data.files}, prefix)
    except Exception:
        with open(prefix + ".error", "w") as f:
            f.write(traceback.format_exc())
        sys.exit(1)


if __name__ == "__main__":
    main()
