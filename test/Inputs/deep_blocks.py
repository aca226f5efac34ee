"""Prints a text-format ProgramDesc whose conditional_blocks nest N deep:
block k (k < N) holds one conditional_block whose sub-block is block k + 1;
the innermost block holds a relu. Usage: deep_blocks.py N > prog.pbtxt"""
import sys
n = int(sys.argv[1])
print('blocks {\n  idx: 0 parent_idx: -1')
print('  vars { name: "x" type { type: LOD_TENSOR lod_tensor { tensor { data_type: FP32 dims: 2 } } } }')
print('  vars { name: "c" type { type: LOD_TENSOR lod_tensor { tensor { data_type: BOOL dims: 1 } } } }')
print('  ops { type: "feed" outputs { parameter: "Out" arguments: "x" } attrs { name: "col" type: INT i: 0 } }')
print('  ops { type: "feed" outputs { parameter: "Out" arguments: "c" } attrs { name: "col" type: INT i: 1 } }')
cb = lambda k: ('  ops { type: "conditional_block" inputs { parameter: "Cond" arguments: "c" } outputs { parameter: "Out" arguments: "x" } '
                'attrs { name: "is_scalar_condition" type: BOOLEAN b: true } attrs { name: "sub_block" type: BLOCK block_idx: %d } }' % k)
print(cb(1))
print('  ops { type: "fetch" inputs { parameter: "X" arguments: "x" } attrs { name: "col" type: INT i: 0 } }\n}')
for b in range(1, n + 1):
    print('blocks {\n  idx: %d parent_idx: %d' % (b, b - 1))
    print(cb(b + 1) if b < n else '  ops { type: "relu" inputs { parameter: "X" arguments: "x" } outputs { parameter: "Out" arguments: "x" } }')
    print('}')
