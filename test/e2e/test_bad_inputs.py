"""Malformed inputs: clean diagnostics, never a crash, no partial output.

The corpus is generated at test time from a small valid program (zoo case
`conv_bn_block`, which has conv, batch-norm and linear parameters), edited
with Paddle's protobuf classes or at the byte level.
"""
import os
import random
import re
import struct

import pytest

import pdesc
import zoo
from conftest import run

BASE = "conv_bn_block"


@pytest.fixture(scope="module")
def base(zoo_cache):
    s = zoo_cache.get(BASE)
    assert s.params
    return s


@pytest.fixture(scope="module")
def bad_dir(session_dir):
    d = session_dir / "bad"
    d.mkdir()
    return d


def expect_import_failure(out_dir, model, *extra, mentions=()):
    """Imports with -o; checks rc != 0, no output file, and that stderr names
    the model file and every string in `mentions`."""
    model = str(model)
    out = out_dir / (os.path.basename(os.path.dirname(model)) + "-" +
                     os.path.basename(model) + ".out.mlir")
    r = run("oar-translate", "--import-paddle", model, *extra, "-o", out)
    assert r.rc != 0, r
    assert not out.exists(), f"output file left behind\n{r}"
    assert r.err.strip(), "no diagnostic"
    for m in mentions:
        assert m in r.err, f"diagnostic does not mention {m!r}\n{r}"
    expect_convert_failure(out_dir, model, *extra, mentions=mentions)
    return r


def expect_convert_failure(out_dir, model, *extra, mentions=()):
    """The same input through `oar convert`: rc 1, no ONNX file, the same
    names in the message. oar-translate's flags map onto convert's
    (--paddle-params F is the positional parameters file); inputs that need
    --paddle-no-params have no convert counterpart and are skipped."""
    args = list(extra)
    if "--paddle-no-params" in args:
        return
    params = []
    if "--paddle-params" in args:
        i = args.index("--paddle-params")
        params = [args[i + 1]]
        del args[i:i + 2]
    for a in list(args):
        if str(a).startswith("--paddle-params="):
            params = [str(a).split("=", 1)[1]]
            args.remove(a)
    assert not args, f"no convert counterpart for {args}"
    out = out_dir / (os.path.basename(os.path.dirname(model)) + "-" +
                     os.path.basename(model) + ".out.onnx")
    r = run("oar", "convert", model, *params, "-o", out)
    assert r.rc == 1, r
    assert not out.exists(), f"output file left behind\n{r}"
    assert not [f for f in os.listdir(out_dir) if f.startswith(out.name)
                and f != out.name], f"temporary file left behind\n{r}"
    assert r.err.strip(), "no diagnostic"
    for m in mentions:
        assert m in r.err, f"convert's diagnostic does not mention {m!r}\n{r}"


def op_index_mentioned(err, index, block=0):
    """The diagnostic names block `block` and op index `index` (the op's
    position in the block's op list, feed ops included)."""
    return (re.search(rf"block\W{{0,3}}{block}(?!\d)", err) is not None and
            re.search(rf"(?<![\w.]){index}(?![\w.])", err) is not None)


def write(path, data):
    path.write_bytes(data)
    return path


# --------------------------------------------------- corrupt program files
def _block0_span(buf):
    """(start, end) of block 0's bytes in a serialized ProgramDesc: field 1,
    wire type 2, then a varint length."""
    assert buf[0] == 0x0A
    n, shift, pos = 0, 0, 1
    while True:
        b = buf[pos]
        n |= (b & 0x7F) << shift
        pos += 1
        shift += 7
        if not b & 0x80:
            return pos, pos + n


PROGRAM_CORRUPTIONS = ["truncated-1byte", "truncated-10pct", "truncated-50pct",
                       "truncated-90pct", "truncated-last-byte",
                       "random-seed0", "random-seed1", "random-seed2",
                       "empty"]


def make_corrupt_program(kind, base_bytes, d):
    path = d / f"{kind}.pdmodel"
    if kind.startswith("truncated"):
        start, end = _block0_span(base_bytes)
        cut = {"truncated-1byte": 1,
               "truncated-10pct": start + (end - start) // 10,
               "truncated-50pct": start + (end - start) // 2,
               "truncated-90pct": start + (end - start) * 9 // 10,
               "truncated-last-byte": end - 1}[kind]
        data = base_bytes[:cut]
        # A cut inside block 0 can never be a valid message.
        with pytest.raises(Exception):
            pdesc.framework_pb2.ProgramDesc.FromString(data)
    elif kind.startswith("random"):
        rng = random.Random(int(kind[-1]))
        data = bytes(rng.randrange(256) for _ in range(700))
    else:
        data = b""
    return write(path, data)


@pytest.mark.parametrize("kind", PROGRAM_CORRUPTIONS)
def test_corrupt_program(kind, base, bad_dir):
    with open(base.model, "rb") as f:
        path = make_corrupt_program(kind, f.read(), bad_dir)
    expect_import_failure(bad_dir, path, "--paddle-no-params",
                          mentions=[path.name])


@pytest.mark.parametrize("kind", PROGRAM_CORRUPTIONS)
def test_corrupt_program_inspect(kind, base, bad_dir):
    with open(base.model, "rb") as f:
        path = make_corrupt_program(kind, f.read(), bad_dir)
    r = run("oar", "inspect", path)
    assert r.rc != 0, r
    assert path.name in r.err, r


def test_nonexistent_model(bad_dir):
    path = bad_dir / "no-such-model.pdmodel"
    expect_import_failure(bad_dir, path, mentions=[path.name])
    r = run("oar", "inspect", path)
    assert r.rc != 0 and path.name in r.err, r


def test_directory_as_model(bad_dir):
    d = bad_dir / "a-directory.pdmodel"
    d.mkdir()
    expect_import_failure(bad_dir, d, "--paddle-no-params", mentions=[d.name])
    r = run("oar", "inspect", d)
    assert r.rc != 0 and d.name in r.err, r


# ------------------------------------------------------ corrupt parameters
@pytest.fixture(scope="module")
def base_params(base):
    program = pdesc.Program(base.model)
    recs = pdesc.read_params(base.params)
    params = program.params()
    # Precondition: the file is exactly the sorted persistables.
    assert [(r.dtype, r.dims) for r in recs] == \
        [(p.dtype, p.dims) for p in params]
    with open(base.params, "rb") as f:
        return program, params, recs, f.read()


def _model_with_params(base, d, name, params_bytes):
    sub = d / name
    sub.mkdir()
    model = sub / "model.pdmodel"
    model.write_bytes(open(base.model, "rb").read())
    write(sub / "model.pdiparams", params_bytes)
    return model, sub / "model.pdiparams"


def _replace_desc(buf, rec, desc):
    """Record `rec` with its TensorDesc replaced by `desc` (same data)."""
    new = desc.SerializeToString()
    head = buf[rec.offset:rec.desc_offset - 4] + struct.pack("<i", len(new))
    return (buf[:rec.offset] + head + new +
            buf[rec.desc_offset + rec.desc_size:])


def test_params_truncated_mid_record(base, base_params, bad_dir):
    _, params, recs, buf = base_params
    last = recs[-1]
    cut = last.data_offset + (last.end - last.data_offset) // 2
    model, pfile = _model_with_params(base, bad_dir, "p-trunc-data",
                                      buf[:cut])
    expect_import_failure(bad_dir, model,
                          mentions=[pfile.name, params[-1].name])


def test_params_truncated_mid_header(base, base_params, bad_dir):
    _, params, recs, buf = base_params
    cut = recs[1].offset + 6  # inside the uint64 lod_level
    model, pfile = _model_with_params(base, bad_dir, "p-trunc-head",
                                      buf[:cut])
    expect_import_failure(bad_dir, model,
                          mentions=[pfile.name, params[1].name])


def test_params_truncated_mid_desc(base, base_params, bad_dir):
    _, params, recs, buf = base_params
    cut = recs[2].desc_offset + 1
    model, pfile = _model_with_params(base, bad_dir, "p-trunc-desc",
                                      buf[:cut])
    expect_import_failure(bad_dir, model,
                          mentions=[pfile.name, params[2].name])


def test_params_extra_bytes(base, base_params, bad_dir):
    _, _, _, buf = base_params
    model, pfile = _model_with_params(base, bad_dir, "p-long",
                                      buf + b"\x00\x01\x02\x03\x04\x05\x06")
    expect_import_failure(bad_dir, model, mentions=[pfile.name])


def test_params_dtype_mismatch(base, base_params, bad_dir):
    _, params, recs, buf = base_params
    k = next(i for i, p in enumerate(params)
             if p.dtype == pdesc.VT.FP32 and len(p.dims) == 4)
    desc = pdesc.VT.TensorDesc(data_type=pdesc.VT.INT32, dims=recs[k].dims)
    # Same byte size: only a dtype cross-check can catch it.
    model, pfile = _model_with_params(base, bad_dir, "p-dtype",
                                      _replace_desc(buf, recs[k], desc))
    expect_import_failure(bad_dir, model,
                          mentions=[pfile.name, params[k].name])


def test_params_shape_mismatch(base, base_params, bad_dir):
    _, params, recs, buf = base_params
    k = next(i for i, p in enumerate(params)
             if len(p.dims) == 4 and p.dims[0] != p.dims[1])
    dims = list(recs[k].dims)
    dims[0], dims[1] = dims[1], dims[0]  # same element count
    desc = pdesc.VT.TensorDesc(data_type=recs[k].dtype, dims=dims)
    model, pfile = _model_with_params(base, bad_dir, "p-shape",
                                      _replace_desc(buf, recs[k], desc))
    expect_import_failure(bad_dir, model,
                          mentions=[pfile.name, params[k].name])


def test_params_shape_mismatch_in_program(base, base_params, bad_dir):
    """The VarDesc, not the record, is edited (re-encoded program)."""
    _, params, _, buf = base_params
    k = next(i for i, p in enumerate(params) if len(p.dims) == 1)
    desc = pdesc.load_program(base.model)
    var = next(v for v in desc.blocks[0].vars if v.name == params[k].name)
    var.type.lod_tensor.tensor.dims[0] += 1
    sub = bad_dir / "p-shape-prog"
    sub.mkdir()
    model = write(sub / "model.pdmodel", desc.SerializeToString())
    write(sub / "model.pdiparams", buf)
    expect_import_failure(bad_dir, model, mentions=[params[k].name])


def test_params_of_another_program(base, zoo_cache, bad_dir):
    other = zoo_cache.get("bert")
    expect_import_failure(bad_dir, base.model,
                          f"--paddle-params={other.params}",
                          mentions=[os.path.basename(other.params)])


def test_params_missing(base, bad_dir):
    sub = bad_dir / "p-missing"
    sub.mkdir()
    model = write(sub / "model.pdmodel", open(base.model, "rb").read())
    r = expect_import_failure(bad_dir, model, mentions=[model.name])
    assert "--paddle-params" in r.err and "--paddle-no-params" in r.err, r


def test_params_explicit_nonexistent(base, bad_dir):
    missing = bad_dir / "no-such-weights.pdiparams"
    expect_import_failure(bad_dir, base.model, f"--paddle-params={missing}",
                          mentions=[missing.name])


# ------------------------------------------------------ invalid programs
def _op_index(desc, op_type, nth=0):
    found = [i for i, op in enumerate(desc.blocks[0].ops)
             if op.type == op_type]
    return found[nth]


def test_unknown_attr_type(base, bad_dir):
    desc = pdesc.load_program(base.model)
    idx = _op_index(desc, "conv2d")
    a = pdesc.attr(desc.blocks[0].ops[idx], "groups")
    good = a.SerializeToString()
    assert a.type == pdesc.framework_pb2.INT
    # Protobuf refuses an undeclared enum value, so patch the bytes: the
    # `type` field (2, varint) directly follows the name.
    name = a.name.encode()
    prefix = b"\x0a" + bytes([len(name)]) + name + b"\x10"
    assert good.startswith(prefix + bytes([pdesc.framework_pb2.INT]))
    bad = prefix + bytes([99]) + good[len(prefix) + 1:]
    buf = desc.SerializeToString()
    assert buf.count(good) == 1
    path = write(bad_dir / "attr-type-99.pdmodel", buf.replace(good, bad))
    r = expect_import_failure(bad_dir, path, "--paddle-no-params",
                              mentions=[path.name, "conv2d", "groups"])
    assert op_index_mentioned(r.err, idx), r


def test_input_never_defined(base, bad_dir):
    desc = pdesc.load_program(base.model)
    idx = _op_index(desc, "batch_norm")
    op = desc.blocks[0].ops[idx]
    slot = next(s for s in op.inputs if s.parameter == "X")
    slot.arguments[0] = "undefined_var_xyz"
    path = write(bad_dir / "undefined-input.pdmodel", desc.SerializeToString())
    r = expect_import_failure(bad_dir, path, "--paddle-no-params",
                              mentions=[path.name, "undefined_var_xyz",
                                        "batch_norm"])
    assert op_index_mentioned(r.err, idx), r


def test_input_used_before_definition(base, bad_dir):
    desc = pdesc.load_program(base.model)
    ops = desc.blocks[0].ops
    idx = _op_index(desc, "conv2d")
    produced = next(s for s in ops[idx].outputs
                    if s.parameter == "Output").arguments[0]
    consumer = idx + 1
    assert produced in [a for s in ops[consumer].inputs for a in s.arguments]
    a, b = pdesc.framework_pb2.OpDesc(), pdesc.framework_pb2.OpDesc()
    a.CopyFrom(ops[idx])
    b.CopyFrom(ops[consumer])
    ops[idx].CopyFrom(b)
    ops[consumer].CopyFrom(a)
    path = write(bad_dir / "use-before-def.pdmodel", desc.SerializeToString())
    expect_import_failure(bad_dir, path, "--paddle-no-params",
                          mentions=[path.name, produced])


def test_unsupported_op_types(base, bad_dir):
    desc = pdesc.load_program(base.model)
    n_bn = 0
    for op in desc.blocks[0].ops:
        if op.type == "batch_norm":
            op.type = "my_custom_op"
            n_bn += 1
        elif op.type == "hard_swish":
            op.type = "other_custom_op"
    assert n_bn == 2
    path = write(bad_dir / "custom-op.pdmodel", desc.SerializeToString())
    r = expect_import_failure(bad_dir, path, "--paddle-no-params",
                              mentions=[path.name, "my_custom_op",
                                        "other_custom_op"])
    # Every unsupported type with its count.
    for name, n in (("my_custom_op", 2), ("other_custom_op", 1)):
        assert re.search(rf"{name}\D{{0,16}}(?<!\d){n}(?!\d)|"
                         rf"(?<!\d){n}(?!\d)\D{{0,16}}{name}", r.err), r


def _save_cond_program(d):
    import paddle
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup), \
            paddle.utils.unique_name.guard():
        x = zoo.data("x", [-1, 4])
        y = paddle.static.nn.cond(paddle.mean(x) > 0.0,
                                  lambda: x * 2.0, lambda: x - 1.0)
    exe = paddle.static.Executor(paddle.CPUPlace())
    with paddle.static.scope_guard(paddle.static.Scope()):
        exe.run(startup)
        paddle.static.save_inference_model(str(d / "cond"), [x], [y], exe,
                                           program=main)
    return d / "cond.pdmodel"


def _sub_block_attr(op):
    return next(a for a in op.attrs if a.name == "sub_block")


# Malformed sub-block structure in a real cond program (two
# conditional_blocks, blocks 1 and 2): each edit must give a clear error.
SUB_BLOCK_EDITS = {
    # The first conditional_block points past the last block.
    "out-of-range": (lambda d: setattr(_sub_block_attr(
        d.blocks[0].ops[_op_index(d, "conditional_block")]), "block_idx", 9),
        ["conditional_block", "sub_block 9 is out of range"]),
    # ... at block 0 itself: a cycle.
    "block-zero": (lambda d: setattr(_sub_block_attr(
        d.blocks[0].ops[_op_index(d, "conditional_block")]), "block_idx", 0),
        ["conditional_block", "sub_block 0 is out of range"]),
    # Both conditional_blocks share block 1.
    "shared": (lambda d: setattr(_sub_block_attr(
        d.blocks[0].ops[_op_index(d, "conditional_block", 1)]), "block_idx",
        1), ["conditional_block", "already the sub-block of another op"]),
    # Block 1 claims block 2 as its parent: parents must come first.
    "parent-cycle": (lambda d: setattr(d.blocks[1], "parent_idx", 2),
                     ["block 1 has an invalid parent 2"]),
    # An op of unknown type that carries a block.
    "unknown-block-op": (lambda d: setattr(
        d.blocks[0].ops[_op_index(d, "conditional_block")], "type",
        "recurrent"), ["recurrent", "a control-flow op Oar does not support"]),
}


@pytest.mark.parametrize("kind", sorted(SUB_BLOCK_EDITS))
def test_bad_sub_blocks(kind, bad_dir):
    d = bad_dir / f"sub-{kind}"
    d.mkdir()
    path = _save_cond_program(d)
    desc = pdesc.load_program(path)
    assert len(desc.blocks) == 3
    edit, mentions = SUB_BLOCK_EDITS[kind]
    edit(desc)
    path = write(d / "cond.pdmodel", desc.SerializeToString())
    expect_import_failure(bad_dir, path, "--paddle-no-params",
                          mentions=[path.name] + mentions)
    r = run("oar", "inspect", path)
    assert not any(m in r.out + r.err for m in ("Stack dump", "Assertion")), r


# -------------------------------------------------------------- bad flags
def test_translate_unknown_flag(base):
    r = run("oar-translate", "--import-paddle", base.model,
            "--no-such-flag")
    assert r.rc != 0 and "no-such-flag" in r.err, r


def test_oar_unknown_flag():
    r = run("oar", "--no-such-flag")
    assert r.rc != 0 and "no-such-flag" in r.err, r


def test_oar_unknown_subcommand():
    r = run("oar", "no-such-command")
    assert r.rc != 0 and "no-such-command" in r.err, r


def test_inspect_unknown_flag(base):
    r = run("oar", "inspect", base.model, "--no-such-flag")
    assert r.rc != 0 and "no-such-flag" in r.err, r
