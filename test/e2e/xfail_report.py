#!/usr/bin/env python3
"""Drafts convert_cases.XFAIL entries for the cases `oar convert` rejects.

Converts every case of convert_cases.py at each of its opsets and prints,
for those that fail, a dict entry whose reason lists the `pd` ops Oar names
in its "cannot convert 'pd.X'" diagnostics (or its last error line). A case
failing alike at every opset gets one entry for all. Cases that convert but
disagree with Paddle are not found here: read test_convert.py's failures.

  python test/e2e/xfail_report.py [--bin-dir build/bin] [--only NAME ...]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import convert_cases as cc  # noqa: E402
from conftest import BIN_DIR  # noqa: E402


def reason(stderr):
    ops = sorted(set(re.findall(r"cannot convert 'pd\.([A-Za-z0-9_]+)'",
                                stderr)))
    if ops:
        return "not converted: " + ", ".join(ops)
    errors = [ln.split("error: ", 1)[1] for ln in stderr.splitlines()
              if "error: " in ln]
    return (errors or stderr.strip().splitlines()[-1:] or ["?"])[-1][:160]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin-dir", default=BIN_DIR)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    oar = os.path.join(a.bin_dir, "oar")
    entries = {}
    with tempfile.TemporaryDirectory() as tmp:
        for c in cc.all_cases():
            if a.only and c.name not in a.only:
                continue
            m = cc.materialize(c, os.path.join(tmp, "programs"))
            failed = {}
            for opset in c.opsets:
                cmd = [oar, "convert", m.model] + ([m.params] if m.params
                                                   else [])
                cmd += ["-o", os.path.join(tmp, "out.onnx")]
                if opset is not None:
                    cmd += ["--opset", str(opset)]
                p = subprocess.run(cmd, capture_output=True, text=True,
                                   errors="replace")
                if p.returncode != 0:
                    failed[opset] = reason(p.stderr)
            if len(failed) == len(c.opsets) and \
                    len(set(failed.values())) == 1:
                entries[c.name] = next(iter(failed.values()))
            else:
                for opset, r in failed.items():
                    entries[c.name if opset is None else
                            f"{c.name}@{opset}"] = r
    print("XFAIL = {")
    for k, v in entries.items():
        print(f"    {k!r}: {v!r},")
    print("}")


if __name__ == "__main__":
    main()
