"""Saves cf_programs.py (and pir_programs.py, cf_programs_more.py) cases as
PIR programs with Paddle 3.x, and runs
them there (the oracle).

Runs in .venv-paddle3: test_pir_import.py calls it as a subprocess.

    pir_cf_save.py OUTDIR NAME...

For each case it writes OUTDIR/NAME.json (+ .pdiparams when the program has
parameters) and OUTDIR/NAME.npz with, per feed dict r of the case (one per
branch), the feeds as `r:in:<feed>` and Paddle's fetches as `r:out:<i>`. A
case Paddle cannot build or run leaves OUTDIR/NAME.error with the
traceback.
"""
import os
import sys
import traceback

os.environ["FLAGS_enable_pir_api"] = "1"
os.environ.setdefault("GLOG_minloglevel", "2")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import cf_programs  # noqa: E402
import cf_programs_more  # noqa: E402
import pir_programs  # noqa: E402

# The PIR-only cases are built like cf_programs.py's (in this process only:
# the legacy tests must not see them).
cf_programs.CASES.update(pir_programs.CASES)


def _save_more(name, outdir):
    """A cf_programs_more.py case: its own save and run helpers."""
    case = cf_programs_more.BY_NAME[name]
    prefix = os.path.join(outdir, name)
    _, params = cf_programs_more.save(case, outdir)
    outs = cf_programs_more.paddle_run(prefix + ".json", params, case.inputs)
    arrays = {}
    for r, (feeds, fetched) in enumerate(zip(case.inputs, outs)):
        for k, v in feeds.items():
            arrays[f"{r}:in:{k}"] = v
        for i, o in enumerate(fetched):
            arrays[f"{r}:out:{i}"] = o
    np.savez(prefix + ".npz", **arrays)


def main():
    outdir, names = sys.argv[1], sys.argv[2:]
    os.makedirs(outdir, exist_ok=True)
    for name in names:
        prefix = os.path.join(outdir, name)
        try:
            if name in cf_programs_more.BY_NAME:
                _save_more(name, outdir)
                continue
            built = cf_programs.build(name, outdir)
            built.model = prefix + ".pdmodel"  # run_paddle strips it
            arrays = {}
            for r, feeds in enumerate(built.feeds):
                for k, v in feeds.items():
                    arrays[f"{r}:in:{k}"] = v
                outs = cf_programs.run_paddle(built, feeds)
                for i, o in enumerate(outs):
                    arrays[f"{r}:out:{i}"] = o
            np.savez(prefix + ".npz", **arrays)
        except Exception:
            with open(prefix + ".error", "w") as f:
                f.write(traceback.format_exc())


if __name__ == "__main__":
    main()
