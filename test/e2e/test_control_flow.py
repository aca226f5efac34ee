"""Control flow end to end: `oar convert` on Paddle programs with `cond`,
`while_loop`, tensor arrays and Python `if`/`while` through
`paddle.jit.to_static`: the shared programs of cf_programs.py and those of
cf_programs_more.py (more If shapes, nesting, arrays read back, and a
greedy-decoding encoder-decoder recognizer), at opsets 13, 17 and 21 (and
11 for the If-only cases). Paddle running the saved program is the oracle; the
ONNX file must pass onnx.checker (full_check) and onnxruntime must give
Paddle's outputs for every input set. If cases have one input set per
branch; those of cf_programs_more.py also fetch their predicate, and the
test checks on Paddle's outputs that both branches were taken.

Saving (Paddle's static-graph state) and the checker and onnxruntime run in
forked children, as in test_convert.py.
"""
import dataclasses
import os

import numpy as np
import pytest

import cf_programs as cfp
import cf_programs_more as cp
import convert_cases as cc
from conftest import run

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def _child(fn, *args):
    try:
        return cc.in_child(fn, *args)
    except cc.ChildFailed as e:
        pytest.fail(str(e), pytrace=False)


@dataclasses.dataclass(frozen=True)
class Entry:
    """A program of either module, as the tests use it."""
    name: str
    inputs: list
    opsets: tuple
    pred_fetched: bool = False
    exact: bool = False


def _entries():
    out = {}
    for c in cfp.CASES.values():
        out[c.name] = Entry(c.name, c.feeds,
                            (11, 13, 17, 21) if c.if_only else (13, 17, 21))
    for c in cp.CASES:
        assert c.name not in out, c.name
        out[c.name] = Entry(c.name, c.inputs, c.opsets, c.pred_fetched,
                            c.exact)
    return out


ENTRIES = _entries()


def _save_and_run(name, outdir):
    """(model, params, Paddle's outputs per input set)."""
    if name in cfp.CASES:
        built = cfp.build(name, outdir)
        expected = [cfp.run_paddle(built, feeds) for feeds in built.feeds]
        return built.model, built.params, expected
    case = cp.BY_NAME[name]
    model, params = cp.save(case, outdir)
    return model, params, cp.paddle_run(model, params, case.inputs)


class Saved:
    """Per-session cache of saved programs and Paddle's outputs."""

    def __init__(self, root):
        self.root = str(root)
        self.cache = {}

    def get(self, name):
        if name not in self.cache:
            self.cache[name] = _child(_save_and_run, name, self.root)
        return self.cache[name]


@pytest.fixture(scope="session")
def saved(session_dir):
    return Saved(session_dir / "control-flow")


# What the importer said before it imported control flow.
NO_CF_IMPORT = "control flow is not supported yet"


def convert(model, params, out, opset=None, extra=()):
    args = ["convert", model] + ([params] if params else []) + ["-o", out]
    if opset is not None:
        args += ["--opset", str(opset)]
    args += list(extra)
    r = run("oar", *args, timeout=600)
    if r.rc != 0 and NO_CF_IMPORT in r.err:
        pytest.skip("this build's importer does not import control flow")
    return r


def _check_and_run(path, input_sets):
    onnx.checker.check_model(path, full_check=True)
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    return [sess.run(None, {n: feeds[n] for n in names})
            for feeds in input_sets]


def assert_same(got, want, exact, where):
    assert len(got) == len(want), f"{where}: {len(got)} outputs, Paddle " \
                                  f"{len(want)}"
    for k, (g, w) in enumerate(zip(got, want)):
        w = np.asarray(w)
        g = np.asarray(g)
        assert g.dtype == w.dtype, f"{where} output {k}: {g.dtype} vs {w.dtype}"
        assert g.shape == w.shape, f"{where} output {k}: {g.shape} vs {w.shape}"
        if exact or not np.issubdtype(w.dtype, np.floating):
            np.testing.assert_array_equal(g, w, err_msg=f"{where} output {k}")
        else:
            np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-5,
                                       err_msg=f"{where} output {k}")


PARAMS = [pytest.param(e.name, opset, id=f"{e.name}-opset{opset}")
          for e in ENTRIES.values() for opset in e.opsets]


@pytest.mark.parametrize("name,opset", PARAMS)
def test_control_flow(saved, tmp_path, name, opset):
    entry = ENTRIES[name]
    model, params, expected = saved.get(name)
    if entry.pred_fetched:
        taken = {bool(np.asarray(outs[-1]).reshape(-1)[0]) for outs in expected}
        assert taken == {True, False}, f"inputs take only branch {taken}"
    out = str(tmp_path / f"{name}.onnx")
    r = convert(model, params, out, opset)
    assert r.rc == 0, r
    got = _child(_check_and_run, out, entry.inputs)
    for k, (g, w) in enumerate(zip(got, expected)):
        assert_same(g, w, entry.exact, f"{name} opset {opset} set {k}")


@pytest.mark.parametrize("name", list(ENTRIES))
def test_control_flow_no_optimize(saved, tmp_path, name):
    """The lowering alone (`--no-optimize`, no cleanup passes) at opset
    17: the cleanup neither hides nor causes a difference."""
    entry = ENTRIES[name]
    model, params, expected = saved.get(name)
    out = str(tmp_path / f"{name}-noopt.onnx")
    r = convert(model, params, out, 17, extra=["--no-optimize"])
    assert r.rc == 0, r
    got = _child(_check_and_run, out, entry.inputs)
    for k, (g, w) in enumerate(zip(got, expected)):
        assert_same(g, w, entry.exact, f"{name} --no-optimize set {k}")


def _count_ops(path, op_type):
    m = onnx.load(path)
    n = 0
    todo = [m.graph]
    while todo:
        g = todo.pop()
        for node in g.node:
            n += node.op_type == op_type
            for a in node.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    todo.append(a.g)
    return n


def test_one_if_per_cond(saved, tmp_path):
    """Three outputs, one If; the loops have no trip count."""
    model, params, _ = saved.get("cond_three_outputs")
    out = str(tmp_path / "three.onnx")
    assert convert(model, params, out).rc == 0
    assert _count_ops(out, "If") == 1
    model, params, _ = saved.get("while_sum_5000")
    out = str(tmp_path / "long.onnx")
    assert convert(model, params, out).rc == 0
    m = onnx.load(out)
    loops = [n for n in m.graph.node if n.op_type == "Loop"]
    assert len(loops) == 1
    assert loops[0].input[0] == "", "Loop has a trip count"


def test_auto_opset_and_determinism(saved, tmp_path):
    """With no --opset, If-only programs convert at 11 and tensor arrays
    ask for 13; two conversions are byte-identical."""
    for name, want in (("cond_two_consts", 11), ("while_array_read", 13)):
        model, params, _ = saved.get(name)
        a, b = str(tmp_path / f"{name}-a.onnx"), str(tmp_path / f"{name}-b.onnx")
        assert convert(model, params, a).rc == 0
        assert convert(model, params, b).rc == 0
        assert onnx.load(a).opset_import[0].version == want
        with open(a, "rb") as fa, open(b, "rb") as fb:
            assert fa.read() == fb.read(), f"{name}: two conversions differ"


def test_array_at_opset11_is_a_clear_error(saved, tmp_path):
    model, params, _ = saved.get("while_array_read")
    out = tmp_path / "arr11.onnx"
    r = convert(model, params, str(out), 11)
    assert r.rc == 1, r
    assert "needs opset 13" in r.err, r
    assert not out.exists()


@pytest.mark.parametrize("name", ["if_cond_api", "while_if",
                                  "while_array_read"])
def test_fp16(saved, tmp_path, name):
    """`--fp16` through If branches, Loop bodies and sequences: the model
    keeps its float32 interface and stays within float16's precision of
    Paddle."""
    entry = ENTRIES[name]
    model, params, expected = saved.get(name)
    out = str(tmp_path / f"{name}-fp16.onnx")
    args = ["convert", model] + ([params] if params else [])
    r = run("oar", *args, "-o", out, "--fp16", timeout=600)
    if r.rc != 0 and NO_CF_IMPORT in r.err:
        pytest.skip("this build's importer does not import control flow")
    assert r.rc == 0, r
    got = _child(_check_and_run, out, entry.inputs)
    for k, (g, w) in enumerate(zip(got, expected)):
        for j, (a, b) in enumerate(zip(g, w)):
            b = np.asarray(b)
            assert a.dtype == b.dtype and a.shape == b.shape, (k, j)
            np.testing.assert_allclose(a, b, rtol=1e-2, atol=1e-2,
                                       err_msg=f"{name} set {k} output {j}")
