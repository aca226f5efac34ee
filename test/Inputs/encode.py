#!/usr/bin/env python3
"""Builds binary Paddle inputs for lit tests from readable text.

  encode.py --protoc P --proto F program IN.pbtxt OUT.pdmodel
      Encodes a text-format ProgramDesc with protoc.
  encode.py --protoc P --proto F params OUT.pdiparams SPEC...
      Writes a combined parameters file, one record per SPEC, in the order
      given. SPEC is DTYPE:DIMS[:VALUE] with DTYPE a Paddle VarType number
      (5 = float32), DIMS like 2x3 (or 'scalar') and VALUE a number that
      fills the tensor (default 0). 'raw:HEX' appends raw bytes instead.
"""
import argparse
import struct
import subprocess
import sys

SIZES = {0: 1, 1: 2, 2: 4, 3: 8, 4: 2, 5: 4, 6: 8, 20: 1, 21: 1, 22: 2,
         23: 8, 24: 16}
PACK = {0: "?", 1: "h", 2: "i", 3: "q", 5: "f", 6: "d", 20: "B", 21: "b"}


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def record(dtype, dims, value):
    desc = b"\x08" + varint(dtype)
    for d in dims:
        desc += b"\x10" + varint(d)
    numel = 1
    for d in dims:
        numel *= d
    if dtype in PACK:
        v = bool(value) if dtype == 0 else \
            (value if dtype in (5, 6) else int(value))
        data = struct.pack("<" + PACK[dtype], v) * numel
    else:
        data = b"\0" * (SIZES[dtype] * numel)
    return (struct.pack("<IQ", 0, 0) + struct.pack("<Ii", 0, len(desc)) +
            desc + data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--protoc", required=True)
    ap.add_argument("--proto", required=True)
    ap.add_argument("mode", choices=["program", "params"])
    ap.add_argument("args", nargs="+")
    a = ap.parse_args()
    if a.mode == "program":
        src, dst = a.args
        import os
        with open(src, "rb") as fin, open(dst, "wb") as fout:
            r = subprocess.run(
                [a.protoc, "--encode=oar.paddle.proto.ProgramDesc",
                 "--proto_path=" + os.path.dirname(a.proto),
                 os.path.basename(a.proto)], stdin=fin, stdout=fout)
        return r.returncode
    out = bytearray()
    for spec in a.args[1:]:
        if spec.startswith("raw:"):
            out += bytes.fromhex(spec[4:])
            continue
        parts = spec.split(":")
        dtype = int(parts[0])
        dims = [] if parts[1] == "scalar" else \
            [int(d) for d in parts[1].split("x")]
        value = float(parts[2]) if len(parts) > 2 else 0.0
        out += record(dtype, dims, value)
    with open(a.args[0], "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
