"""Independent decoding of Paddle programs and parameter files.

Expected values for the tests come from here: Paddle's own protobuf classes
(`paddle.base.proto.framework_pb2`) for the ProgramDesc, a direct reading of
the `.pdiparams` record layout (shared/reference/paddle-pdiparams-layout.md)
for parameters, and dialects/pd/spec/pd_ops.py for the legacy op type ->
`pd.<name>` mapping. Nothing here runs the Oar tools.
"""
import collections
import dataclasses
import os
import re
import struct
import sys

os.environ.setdefault("FLAGS_enable_pir_api", "0")
os.environ.setdefault("GLOG_minloglevel", "2")

from paddle.base.proto import framework_pb2  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

VT = framework_pb2.VarType
FEED_MINIBATCH, FETCH_LIST, RAW = VT.FEED_MINIBATCH, VT.FETCH_LIST, VT.RAW

# VarType.Type -> (name as Paddle spells it, byte size)
DTYPES = {
    VT.BOOL: ("bool", 1), VT.INT16: ("int16", 2), VT.INT32: ("int32", 4),
    VT.INT64: ("int64", 8), VT.FP16: ("float16", 2),
    VT.FP32: ("float32", 4), VT.FP64: ("float64", 8),
    VT.UINT8: ("uint8", 1), VT.INT8: ("int8", 1), VT.BF16: ("bfloat16", 2),
    VT.COMPLEX64: ("complex64", 8), VT.COMPLEX128: ("complex128", 16),
}


def pd_op_table():
    """{legacy Paddle op type: pd op name} from dialects/pd/spec/pd_ops.py."""
    spec = os.path.join(REPO, "dialects", "pd", "spec")
    if spec not in sys.path:
        sys.path.insert(0, spec)
    import pd_ops
    table = {}
    for op in pd_ops.OPS:
        for legacy in op.legacy:
            assert legacy not in table, legacy
            table[legacy] = op.name
    return table


def load_program(path):
    with open(path, "rb") as f:
        return framework_pb2.ProgramDesc.FromString(f.read())


def attr(op, name):
    for a in op.attrs:
        if a.name == name:
            return a
    return None


def tensor_desc(var):
    t = var.type
    if t.type in (VT.LOD_TENSOR, VT.SELECTED_ROWS):
        return (t.lod_tensor.tensor if t.type == VT.LOD_TENSOR
                else t.selected_rows)
    return None


@dataclasses.dataclass
class IoVar:
    name: str
    dtype: str
    shape: list


@dataclasses.dataclass
class Param:
    name: str
    dtype: int
    dims: list

    @property
    def elements(self):
        n = 1
        for d in self.dims:
            n *= d
        return n

    @property
    def bytes(self):
        return self.elements * DTYPES[self.dtype][1]


class Program:
    """What the tests expect of a ProgramDesc, decoded with framework_pb2."""

    def __init__(self, path):
        self.path = path
        self.desc = load_program(path)
        b0 = self.desc.blocks[0]
        self.vars0 = {v.name: v for v in b0.vars}

        def io(op_type, slot_kind, slot):
            found = []
            for op in b0.ops:
                if op.type != op_type:
                    continue
                slots = op.outputs if slot_kind == "out" else op.inputs
                arg = [s.arguments[0] for s in slots if s.parameter == slot]
                found.append((attr(op, "col").i, arg[0]))
            found.sort()
            assert [c for c, _ in found] == list(range(len(found))), found
            out = []
            for _, name in found:
                td = tensor_desc(self.vars0[name])
                out.append(IoVar(name, DTYPES[td.data_type][0],
                                 list(td.dims)))
            return out

        self.feeds = io("feed", "out", "Out")
        self.fetches = io("fetch", "in", "X")

    @property
    def version(self):
        return (self.desc.version.version
                if self.desc.HasField("version") else 0)

    @property
    def paddle_version(self):
        v = self.version
        if v == 0:
            return None
        return f"{v // 1000000}.{v // 1000 % 1000}.{v % 1000}"

    @property
    def num_blocks(self):
        return len(self.desc.blocks)

    def ops(self):
        return [op for b in self.desc.blocks for op in b.ops
                if op.type not in ("feed", "fetch")]

    def op_counts(self):
        return collections.Counter(op.type for op in self.ops())

    def params(self):
        """Persistable VarDescs of block 0 except feed/fetch holders (and
        RAW vars), sorted by name: the records of the combined file."""
        out = []
        for v in self.vars0.values():
            if not v.persistable or v.type.type in (FEED_MINIBATCH,
                                                    FETCH_LIST, RAW):
                continue
            td = tensor_desc(v)
            out.append(Param(v.name, td.data_type, list(td.dims)))
        return sorted(out, key=lambda p: p.name.encode())

    def read_params(self):
        """The parameters some op reads (persistables that ops only write,
        such as rnn's DropoutState or a quantizer's OutScale, are not
        inputs of the computation)."""
        read = {a for b in self.desc.blocks for op in b.ops
                for s in op.inputs for a in s.arguments}
        return [p for p in self.params() if p.name in read]


@dataclasses.dataclass
class Record:
    offset: int  # start of the record
    desc_offset: int  # start of the TensorDesc bytes
    desc_size: int
    data_offset: int
    end: int
    dtype: int
    dims: list


def read_params(path):
    """Walks a combined parameters file record by record."""
    with open(path, "rb") as f:
        buf = f.read()
    recs, pos = [], 0
    while pos < len(buf):
        start = pos
        version, lod_level = struct.unpack_from("<IQ", buf, pos)
        assert version == 0, (path, start)
        pos += 12
        for _ in range(lod_level):
            (n,) = struct.unpack_from("<Q", buf, pos)
            pos += 8 + n
        tversion, desc_size = struct.unpack_from("<Ii", buf, pos)
        assert tversion == 0, (path, start)
        pos += 8
        td = VT.TensorDesc.FromString(buf[pos:pos + desc_size])
        desc_offset = pos
        pos += desc_size
        numel = 1
        for d in td.dims:
            numel *= d
        data_offset = pos
        pos += numel * DTYPES[td.data_type][1]
        assert pos <= len(buf), (path, start)
        recs.append(Record(start, desc_offset, desc_size, data_offset, pos,
                           td.data_type, list(td.dims)))
    return recs


# ------------------------------------------------------------ MLIR scanning
# An op name at op position: after `= ` (op with results) or at the start of
# a line (op without results), in custom or generic ("pd.x") form.
_OP_RE = re.compile(r'(?:=\s*|^\s*)"?pd\.([A-Za-z_][A-Za-z0-9_]*)"?[\s(<{\[:]',
                    re.M)


def mlir_pd_op_counts(text):
    """Counts `pd.<name>` ops in MLIR text (pd.parameter excluded)."""
    # Only the body of the module: the resource section has no ops anyway,
    # but cut it off so hex blobs can never match.
    text = text.split("{-#", 1)[0]
    c = collections.Counter(_OP_RE.findall(text))
    c.pop("parameter", None)
    return c


_FUNC_RE = re.compile(r"func\.func\s+@main\((.*?)\)\s*(?:->\s*(.*?))?\s*"
                      r"(?:attributes\s*\{[^\n]*\})?\s*\{\s*$", re.M | re.S)


def mlir_main_signature(text):
    """[(arg types+attrs)], [(result types+attrs)] of @main as raw strings,
    returning the pd.name values in order for arguments and results."""
    m = _FUNC_RE.search(text)
    assert m, "no func.func @main in the output"
    args = re.findall(r'%arg\d+\s*:\s*[^%]*?\{[^}]*?pd\.name\s*=\s*"([^"]*)"',
                      m.group(1))
    nargs = len(re.findall(r"%arg\d+\s*:", m.group(1)))
    res_text = m.group(2) or ""
    results = re.findall(r'pd\.name\s*=\s*"([^"]*)"', res_text)
    nres = len(re.findall(r"tensor<", res_text))
    return args, nargs, results, nres


def mlir_parameter_names(text):
    return re.findall(r'pd\.parameter\s+"([^"]*)"', text)


def mlir_resource_constant_names(text):
    return re.findall(r"arith\.constant\s+dense_resource<([^>]*)>", text)
