"""Prints a text-format ProgramDesc whose conditional_blocks nest N deep:
block k (k < N) holds one conditional_block whose sub-block is block k + 1;
the innermost block holds a relu.

Usage: deep_blocks.py N > prog.pbtxt
"""
import sys

TENSOR = ('  vars {{ name: "{}" type {{ type: LOD_TENSOR lod_tensor {{ tensor '
          '{{ data_type: {} dims: {} }} }} }} }}')
FEED = ('  ops {{ type: "feed" outputs {{ parameter: "Out" arguments: "{}" }} '
        'attrs {{ name: "col" type: INT i: {} }} }}')
COND = ('  ops { type: "conditional_block" '
        'inputs { parameter: "Cond" arguments: "c" } '
        'outputs { parameter: "Out" arguments: "x" } '
        'attrs { name: "is_scalar_condition" type: BOOLEAN b: true } '
        'attrs { name: "sub_block" type: BLOCK block_idx: %d } }')
RELU = ('  ops { type: "relu" inputs { parameter: "X" arguments: "x" } '
        'outputs { parameter: "Out" arguments: "x" } }')
FETCH = ('  ops { type: "fetch" inputs { parameter: "X" arguments: "x" } '
         'attrs { name: "col" type: INT i: 0 } }')


def main():
    n = int(sys.argv[1])
    print("blocks {\n  idx: 0 parent_idx: -1")
    print(TENSOR.format("x", "FP32", 2))
    print(TENSOR.format("c", "BOOL", 1))
    print(FEED.format("x", 0))
    print(FEED.format("c", 1))
    print(COND % 1)
    print(FETCH)
    print("}")
    for b in range(1, n + 1):
        print("blocks {\n  idx: %d parent_idx: %d" % (b, b - 1))
        print(COND % (b + 1) if b < n else RELU)
        print("}")


if __name__ == "__main__":
    main()
