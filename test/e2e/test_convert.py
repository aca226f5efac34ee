"""`oar convert` end to end: Paddle runs each program of convert_cases.py
(the oracle), Oar converts it to ONNX, onnx.checker accepts the file and
onnxruntime's outputs match Paddle's (count, shapes, dtypes, values).

Per-op cases also run at opsets 11, 13, 17 and 21. Cases listed in
convert_cases.XFAIL are expected to fail (strictly: an unexpected pass is
reported, so the list shrinks as the converter grows);
`python xfail_report.py` drafts entries for the cases that do not convert.

Float outputs: atol = rtol = 1e-5 unless convert_cases.TOLERANCE says
otherwise, atol scaled down for outputs below 0.1 (see
assert_outputs_match); NMS outputs of the cases in
convert_cases.NMS_RERUN are checked as nms_check.py says (the NMS inputs
against Paddle's, the NMS outputs against Paddle's NMS kernel run on
onnxruntime's inputs). The checker and onnxruntime run in a forked
child so that a crash in either fails one test, not the session.
"""
import os

import numpy as np
import pytest

import convert_cases as cc
import nms_check
from conftest import run

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

CASES = cc.all_cases()
BY_NAME = {c.name: c for c in CASES}


def _opset_id(opset):
    return "default" if opset is None else f"opset{opset}"


def _marks(name, opset, numeric=False):
    reason = cc.xfail_reason(name, opset, numeric)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


FIELD_ABSENT = [] if any(c.kind == "field" for c in CASES) else [
    pytest.param(None, None, id="field-models-absent", marks=pytest.mark.skip(
        reason="field models not found (set OAR_FIELD_MODELS)"))]

CONVERT_PARAMS = FIELD_ABSENT + [
    pytest.param(c.name, opset, id=f"{c.name}-{_opset_id(opset)}",
                 marks=_marks(c.name, opset, numeric=True))
    for c in CASES for opset in c.opsets]

DEFAULT_PARAMS = [pytest.param(c.name, id=c.name, marks=_marks(c.name, None))
                  for c in CASES]


class Session:
    """Per-session cache: saved programs, Paddle outputs, converted files."""

    def __init__(self, root):
        self.root = root
        self.materialized, self.expected, self.converted = {}, {}, {}

    def case(self, name):
        if name not in self.materialized:
            self.materialized[name] = cc.materialize(
                BY_NAME[name], str(self.root / "programs"))
        return self.materialized[name]

    def nms_plan(self, name):
        """The nms_check.Plan of an NMS_RERUN case, else None."""
        if name not in cc.NMS_RERUN:
            return None
        return nms_check.plan(self.case(name).program)

    def paddle(self, name):
        """Paddle's outputs per input set: the fetches, then the NMS op's
        inputs for an NMS_RERUN case."""
        if name not in self.expected:
            p = self.nms_plan(name)
            self.expected[name] = cc.paddle_run(
                self.case(name), p.input_names if p else ())
        return self.expected[name]

    def convert(self, name, opset=None, out=None):
        """Runs `oar convert`; returns (Result, path of the .onnx file).
        Cached unless `out` is given."""
        key = (name, opset)
        if out is None and key in self.converted:
            return self.converted[key]
        m = self.case(name)
        path = out or str(self.root / f"{name}-{_opset_id(opset)}.onnx")
        args = ["convert", m.model] + ([m.params] if m.params else [])
        args += ["-o", path]
        if opset is not None:
            args += ["--opset", str(opset)]
        r = run("oar", *args, timeout=600)
        if out is None:
            self.converted[key] = (r, path)
        return r, path


@pytest.fixture(scope="session")
def conv(session_dir):
    return Session(session_dir / "convert")


def converted(conv, name, opset=None):
    r, path = conv.convert(name, opset)
    assert r.rc == 0, r
    assert os.path.exists(path), f"rc 0 but no {path}\n{r}"
    return path


def in_child(fn, *args):
    try:
        return cc.in_child(fn, *args)
    except cc.ChildFailed as e:
        pytest.fail(str(e), pytrace=False)


def check_and_run(path, feed_sets, extra_outputs=()):
    """onnx.checker (full) on `path`, then onnxruntime on each feed set;
    returns [[outputs] per feed set]. `extra_outputs`: names of values of
    the graph to return after its outputs (added as graph outputs to an
    in-memory copy of the checked model)."""
    onnx.checker.check_model(path, full_check=True)
    added = []  # extra outputs computed by the graph (not graph inputs)
    if extra_outputs:
        model = onnx.load(path)
        produced = {o for n in model.graph.node for o in n.output}
        inputs = {i.name for i in model.graph.input}
        missing = [n for n in extra_outputs
                   if n not in produced and n not in inputs]
        if missing:
            raise AssertionError(f"no value named {missing} in the graph")
        added = [n for n in extra_outputs if n not in inputs]
        for n in added:
            model.graph.output.append(onnx.ValueInfoProto(name=n))
        path = model.SerializeToString()
    sess = ort_session(path)
    names = [i.name for i in sess.get_inputs()]
    outs = []
    for feeds in feed_sets:
        missing = [n for n in names if n not in feeds]
        if missing:
            raise AssertionError(f"graph inputs {missing} are no Paddle "
                                 f"feeds: {list(feeds)}")
        res = sess.run(None, {n: feeds[n] for n in names})
        nout = len(res) - len(added)
        extra = dict(zip(added, res[nout:]))
        outs.append(res[:nout] + [extra[n] if n in extra else feeds[n]
                                  for n in extra_outputs])
    return outs


def ort_session(path):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def assert_float_close(g, w, atol, rtol, what):
    # Outputs whose largest magnitude m is below 0.1 get atol x 10m (at
    # least x 1e-3): softmax maps of random-weight nets are ~1e-3
    # everywhere and would pass any plausible result at atol 1e-5. Not
    # further: Paddle's and onnxruntime's sigmoid tails differ below ~1e-9.
    finite = np.abs(w[np.isfinite(w)])
    scale = (min(1.0, max(1e-3, 10 * float(finite.max())))
             if finite.size else 1.0)
    np.testing.assert_allclose(g, w, atol=atol * scale, rtol=rtol,
                               equal_nan=True, err_msg=what)


def assert_outputs_match(got, want, fetch_names, atol, rtol, skip=()):
    """Each output against Paddle's, except the indices in `skip`."""
    assert len(got) == len(want), (
        f"{len(got)} outputs, Paddle fetches {len(want)}: {fetch_names}")
    for i, (g, w) in enumerate(zip(got, want)):
        if i in skip:
            continue
        what = f"output {i} ({fetch_names[i]})"
        g = np.asarray(g)
        assert g.dtype == w.dtype, f"{what}: dtype {g.dtype}, Paddle {w.dtype}"
        assert g.shape == w.shape, f"{what}: shape {g.shape}, Paddle {w.shape}"
        if w.dtype.kind in "fc":
            assert_float_close(g, w, atol, rtol, what)
        else:
            np.testing.assert_array_equal(g, w, err_msg=what)


def assert_nms_input_close(g, w, atol, rtol, what):
    """NMS inputs: boxes are differences of coordinates of the image's
    magnitude (center +- size / 2, clipping), so their absolute error
    scales with the largest coordinate: atol x max(1, max |w|)."""
    finite = np.abs(w[np.isfinite(w)])
    scale = max(1.0, float(finite.max())) if finite.size else 1.0
    np.testing.assert_allclose(g, w, atol=atol * scale, rtol=rtol,
                               equal_nan=True, err_msg=what)


def assert_case_outputs(m, plan, got, want, atol, rtol):
    """`got` (onnxruntime: fetches, then the NMS inputs of `plan`) against
    `want` (Paddle, in the same order)."""
    fetch_names = [f.name for f in m.program.fetches]
    nf = len(fetch_names)
    assert len(got) == len(want), (
        f"{len(got)} outputs, Paddle {len(want)}: {fetch_names}")
    if plan is None:
        assert_outputs_match(got, want, fetch_names, atol, rtol)
        return
    assert_outputs_match(got[:nf], want[:nf], fetch_names, atol, rtol,
                         skip=plan.fetch_slots)
    nms_check.assert_nms_match(
        m.program, plan, got[:nf], want[:nf], got[nf:], want[nf:],
        fetch_names,
        lambda g, w, what: assert_nms_input_close(g, w, atol, rtol, what))


@pytest.mark.parametrize("name,opset", CONVERT_PARAMS)
def test_convert_and_run(conv, name, opset):
    m = conv.case(name)
    expected = conv.paddle(name)
    path = converted(conv, name, opset)
    if opset is not None:
        model = onnx.load(path, load_external_data=False)
        got = {o.domain: o.version for o in model.opset_import}
        assert got.get("", got.get("ai.onnx")) == opset, got
    plan = conv.nms_plan(name)
    results = in_child(check_and_run, path, [f for f, _ in expected],
                       plan.input_names if plan else ())
    atol, rtol = cc.tolerance(name)
    for got, (_, want) in zip(results, expected):
        assert_case_outputs(m, plan, got, want, atol, rtol)


@pytest.mark.parametrize("name", DEFAULT_PARAMS)
def test_io_names(conv, name):
    """Graph inputs and outputs are the Paddle feeds and fetches, by name, in
    feed/fetch `col` order."""
    m = conv.case(name)
    model = onnx.load(converted(conv, name), load_external_data=False)
    g = model.graph
    inits = {i.name for i in g.initializer}
    inputs = [i.name for i in g.input if i.name not in inits]
    assert inputs == [f.name for f in m.program.feeds]
    assert [o.name for o in g.output] == [f.name for f in m.program.fetches]


DETERMINISM = ["zoo-conv_bn_block", "zoo-bert", "field-ppocrv3_det_en"]


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=_marks(n, None)) for n in DETERMINISM
             if n in BY_NAME])
def test_deterministic(conv, name, tmp_path):
    """Two conversions of one program give byte-identical files."""
    paths = []
    for i in range(2):
        r, p = conv.convert(name, out=str(tmp_path / f"{i}.onnx"))
        assert r.rc == 0, r
        paths.append(p)
    with open(paths[0], "rb") as a, open(paths[1], "rb") as b:
        assert a.read() == b.read(), "two conversions differ"


# ------------------------------------------------------------ CLI contract
# Flag parsing, exit codes and messages are lit tests (test/Tools/convert*);
# here only what needs a real model: both spellings give the same file.
CLI_CASE = "zoo-conv_bn_block"


@pytest.mark.parametrize("name", [pytest.param(
    CLI_CASE, marks=_marks(CLI_CASE, 17))])
def test_paddle2onnx_style_flags(conv, name, tmp_path):
    """--model_dir/--model_filename/--params_filename/--save_file/
    --opset_version write the same file as the positional form."""
    m = conv.case(name)
    r, ref = conv.convert(name, 17, out=str(tmp_path / "pos.onnx"))
    assert r.rc == 0, r
    d = os.path.dirname(m.model)
    out = tmp_path / "flags.onnx"
    r = run("oar", "convert", "--model_dir", d,
            "--model_filename", os.path.basename(m.model),
            "--params_filename", os.path.relpath(m.params, d),
            "--save_file", out, "--opset_version", "17")
    assert r.rc == 0, r
    with open(ref, "rb") as a:
        assert out.read_bytes() == a.read()



# ------------------------------------------------------- the NMS comparison
NMS_PROBE = "zoo-multiclass_nms3_op"


def _perturbed(got, nf, p):
    """(what, perturbed copy of `got`) pairs for the NMS op of Plan `p`:
    each must fail the comparison."""
    out_i = [i for i, s in p.fetch_slots.items() if s == "Out"][0]
    num_i = [i for i, s in p.fetch_slots.items() if s == "NmsRoisNum"][0]
    scores_i = nf + [s for s, _ in p.inputs].index("Scores")

    def edit(i, fn):
        g = [np.array(a, copy=True) for a in got]
        fn(g[i])
        return g

    def dup_row(a):
        a[-1] = a[0]

    def shift_box(a):
        a[0, 2] += 0.01

    def lower_score(a):
        a[-1, 1] -= 1e-3

    def count(a):
        a[0] += 1

    def nudge_input(a):
        a.flat[7] += 1e-3

    return [("a box moved by 0.01", edit(out_i, shift_box)),
            ("a kept score lowered by 1e-3", edit(out_i, lower_score)),
            ("a row replaced by another", edit(out_i, dup_row)),
            ("the detection count", edit(num_i, count)),
            ("an NMS input score moved by 1e-3", edit(scores_i, nudge_input))]


@pytest.mark.parametrize("name", [NMS_PROBE])
def test_nms_check_rejects_perturbed(conv, name):
    """The NMS comparison (nms_check.py) passes on onnxruntime's outputs
    and fails on each small perturbation of them."""
    m = conv.case(name)
    p = nms_check.plan(m.program, index=0)
    (feeds, want), = cc.paddle_run(m, p.input_names)
    got, = in_child(check_and_run, converted(conv, name), [feeds],
                    p.input_names)
    nf = len(m.program.fetches)
    assert np.asarray(got[[i for i, s in p.fetch_slots.items()
                           if s == "Out"][0]]).shape[0] > 2
    atol, rtol = cc.DEFAULT_TOL
    assert_case_outputs(m, p, got, want, atol, rtol)
    for what, bad in _perturbed(got, nf, p):
        with pytest.raises(AssertionError):
            assert_case_outputs(m, p, bad, want, atol, rtol)
            pytest.fail(f"the NMS comparison accepts {what}")
