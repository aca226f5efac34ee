"""Comparing detection outputs of NMS ops (multiclass_nms3, matrix_nms) that
near-ties make ambiguous.

With random weights a detector scores thousands of boxes within 1e-3 of one
another; float differences of 1e-7 upstream of the NMS op (onnxruntime
against Paddle) then change which boxes enter NMS (nms_top_k), which boxes
suppress which, and which survive keep_top_k. Comparing the final rows with
Paddle's would test those ties, not the conversion. So a case listed in
convert_cases.NMS_RERUN is checked in two steps, each strict:

1. The NMS op's inputs (BBoxes, Scores), fetched from both Paddle and the
   exported model (as extra graph outputs, found by their Paddle names),
   agree within the case's tolerance: the network up to NMS is right.
2. Paddle's own NMS kernel, run on onnxruntime's BBoxes and Scores (the
   same op desc, alone in a program), gives onnxruntime's NMS outputs: rows
   as a set (label, score, box; the order of equal scores is not defined),
   counts and indices exactly. The NMS conversion is right on the very
   inputs it saw.

The fetched NMS outputs must also have Paddle's shapes (the same number of
detections). `test_nms_check_rejects_perturbed` checks that the comparison
fails on a perturbed box, score, count or pre-NMS input.
"""
import warnings

import numpy as np

NMS_TYPES = ("multiclass_nms3", "matrix_nms")
# Ops through which save_inference_model routes fetches (scale 1, bias 0).
PASS_THROUGH = ("scale", "assign")


class Plan:
    """How to check one program's NMS op: `op` (an OpDesc), `inputs`
    [(slot, var name)] of its tensor inputs, `fetch_slots` {fetch index:
    output slot} of the fetches that are its outputs."""

    def __init__(self, op, inputs, fetch_slots):
        self.op, self.inputs, self.fetch_slots = op, inputs, fetch_slots

    @property
    def input_names(self):
        return [n for _, n in self.inputs]


def plan(program, index=None):
    """The Plan of the NMS op of `program` (a pdesc.Program): its only one,
    or its `index`-th; raises when there is none (or several and no
    `index`) or none of its outputs is fetched."""
    b0 = program.desc.blocks[0]
    ops = [op for op in b0.ops if op.type in NMS_TYPES]
    if index is None and len(ops) != 1:
        raise ValueError(f"expected one NMS op, found {len(ops)}")
    nms = ops[index or 0]
    producer = {}
    for op in b0.ops:
        for s in op.outputs:
            for a in s.arguments:
                producer[a] = (op, s.parameter)
    fetch_slots = {}
    for i, f in enumerate(program.fetches):
        name = f.name
        while name in producer:
            op, slot = producer[name]
            if op is nms:
                fetch_slots[i] = slot
                break
            if op.type not in PASS_THROUGH:
                break
            name = [s.arguments[0] for s in op.inputs if s.parameter == "X"][0]
    if not fetch_slots:
        raise ValueError("no fetch is an output of the NMS op")
    inputs = [(s.parameter, s.arguments[0]) for s in nms.inputs
              if s.arguments]
    return Plan(nms, inputs, fetch_slots)


def paddle_nms(program, p, feeds):
    """Runs Paddle's kernel for the op of Plan `p` alone on `feeds` {input
    var name: array}; returns {output slot: array}."""
    import paddle
    from paddle.base.proto import framework_pb2
    b0 = program.desc.blocks[0]
    desc = framework_pb2.ProgramDesc()
    desc.version.CopyFrom(program.desc.version)
    block = desc.blocks.add()
    block.idx, block.parent_idx = 0, -1
    names = {a for s in list(p.op.inputs) + list(p.op.outputs)
             for a in s.arguments}
    for v in b0.vars:
        if v.name in names:
            nv = block.vars.add()
            nv.CopyFrom(v)
            nv.persistable = False
    block.ops.add().CopyFrom(p.op)
    prog = paddle.static.Program.parse_from_string(desc.SerializeToString())
    outs = {s.parameter: s.arguments[0] for s in p.op.outputs if s.arguments}
    exe = paddle.static.Executor(paddle.CPUPlace())
    with paddle.static.scope_guard(paddle.static.Scope()), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = exe.run(prog, feed=feeds, fetch_list=list(outs.values()),
                      return_numpy=True)
    return {slot: np.asarray(r) for slot, r in zip(outs, res)}


def sorted_rows(a):
    """`a` with its rows in lexicographic order (2-D arrays only)."""
    if a.ndim != 2 or not a.size:
        return a
    return a[np.lexsort(a.T[::-1])]


def assert_nms_match(program, p, got, want, got_inputs, want_inputs,
                     fetch_names, allclose):
    """The two-step comparison of the module docstring. `got`/`want`: all
    fetched outputs (onnxruntime, Paddle); `got_inputs`/`want_inputs`: the
    NMS op's inputs, in Plan order; `allclose(g, w, what)` compares floats
    at the case's tolerance."""
    for (slot, name), g, w in zip(p.inputs, got_inputs, want_inputs):
        what = f"NMS input {slot} ({name})"
        g = np.asarray(g)
        assert g.shape == w.shape, f"{what}: shape {g.shape}, Paddle {w.shape}"
        allclose(g, w, what)
    rerun = paddle_nms(program, p, {n: np.asarray(g) for n, g in
                                    zip(p.input_names, got_inputs)})
    for i, slot in p.fetch_slots.items():
        what = f"output {i} ({fetch_names[i]}, NMS {slot})"
        g, w, r = np.asarray(got[i]), want[i], rerun[slot]
        assert g.dtype == w.dtype, f"{what}: dtype {g.dtype}, Paddle {w.dtype}"
        assert g.shape == w.shape, f"{what}: shape {g.shape}, Paddle {w.shape}"
        assert g.shape == r.shape, (
            f"{what}: shape {g.shape}, Paddle's NMS on onnxruntime's inputs "
            f"{r.shape}")
        if g.dtype.kind == "f":
            np.testing.assert_allclose(
                sorted_rows(g), sorted_rows(r), rtol=1e-6, atol=1e-6,
                err_msg=f"{what} against Paddle's NMS on onnxruntime's "
                "inputs (rows as a set)")
        elif slot == "Index":
            np.testing.assert_array_equal(np.sort(g, axis=0),
                                          np.sort(r, axis=0), err_msg=what)
        else:
            np.testing.assert_array_equal(g, r, err_msg=what)
