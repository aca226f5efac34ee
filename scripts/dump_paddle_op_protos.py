#!/usr/bin/env python3
"""Dumps Paddle's registered OpProto definitions for the op types Oar imports.

Generated output: dialects/pd/spec/paddle_op_protos.json. It records, for each
legacy (ProgramDesc) op type, its input and output slots with Paddle's flags
(duplicable, dispensable, intermediate, extra) and its attributes with their
AttrType and Paddle's default value. scripts/gen_pd_ops.py reads it together
with the hand-written table dialects/pd/spec/pd_ops.py.

Regenerate (needs the test environment made by scripts/setup.sh):
  .venv/bin/python scripts/dump_paddle_op_protos.py
"""
import json
import math
import os
import sys

os.environ.setdefault("FLAGS_enable_pir_api", "0")
import paddle  # noqa: E402
from paddle.base import core  # noqa: E402
from paddle.base.proto import framework_pb2  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "dialects", "pd", "spec"))
import pd_ops  # noqa: E402


def jsonable(v):
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return v


def main():
    protos = {}
    for blob in core.get_all_op_protos():
        p = framework_pb2.OpProto.FromString(blob)
        protos[p.type] = p
    out = {"paddle_version": paddle.__version__, "ops": {}}
    missing = []
    for legacy in sorted({t for op in pd_ops.OPS for t in op.legacy}):
        p = protos.get(legacy)
        if p is None:
            missing.append(legacy)
            continue
        defaults = core.get_op_attrs_default_value(legacy.encode())
        out["ops"][legacy] = {
            "inputs": [{"name": v.name, "duplicable": v.duplicable,
                        "dispensable": v.dispensable, "extra": v.extra}
                       for v in p.inputs],
            "outputs": [{"name": v.name, "duplicable": v.duplicable,
                         "dispensable": v.dispensable,
                         "intermediate": v.intermediate, "extra": v.extra}
                        for v in p.outputs],
            "attrs": [{"name": a.name, "type": a.type, "extra": a.extra,
                       "default": jsonable(defaults.get(a.name))}
                      for a in p.attrs],
        }
    if missing:
        print("no OpProto registered for: " + ", ".join(missing),
              file=sys.stderr)
        return 1
    path = os.path.join(ROOT, "dialects", "pd", "spec",
                        "paddle_op_protos.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {path}: {len(out['ops'])} op types")
    return 0


if __name__ == "__main__":
    sys.exit(main())
