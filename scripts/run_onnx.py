#!/usr/bin/env python3
"""Runs an ONNX model in onnxruntime on the inputs of an .npz file and
compares its outputs with the expected ones stored there (by name).

  run_onnx.py MODEL.onnx EXPECTED.npz [--atol 1e-5] [--rtol 1e-5]

The .npz holds one array per graph input, keyed by the Paddle feed name
(which Oar keeps as the ONNX input name), and the expected outputs, keyed by
the fetch name or, when no key matches, taken in order from the remaining
keys. Exits 1 when an output differs.
"""
import argparse
import sys

import numpy as np
import onnx
import onnxruntime as ort


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("expected")
    ap.add_argument("--atol", type=float, default=1e-5)
    ap.add_argument("--rtol", type=float, default=1e-5)
    a = ap.parse_args()
    onnx.checker.check_model(onnx.load(a.model), full_check=True)
    print(f"onnx checker: {a.model} is valid")
    data = np.load(a.expected)
    sess = ort.InferenceSession(a.model, providers=["CPUExecutionProvider"])
    feeds = {i.name: data[i.name] for i in sess.get_inputs()}
    outs = sess.run(None, feeds)
    rest = [k for k in data.files if k not in feeds]
    ok = True
    for i, (o, got) in enumerate(zip(sess.get_outputs(), outs)):
        want = data[o.name] if o.name in data.files else data[rest[i]]
        err = float(np.max(np.abs(got - want))) if want.size else 0.0
        same = (got.shape == want.shape and got.dtype == want.dtype
                and np.allclose(got, want, atol=a.atol, rtol=a.rtol))
        print(f"onnxruntime: output {o.name} {list(got.shape)} {got.dtype}: "
              f"max |onnxruntime - paddle| = {err:.3g} "
              f"({'ok' if same else 'MISMATCH'})")
        ok = ok and same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
