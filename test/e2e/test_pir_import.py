"""Paddle 3.x PIR programs (`.json`): convert and match Paddle.

Paddle 3 lives in its own venv (.venv-paddle3, made by scripts/setup.sh from
requirements-paddle3.txt): pir_save.py builds each zoo.py case there, saves
it as `.json` + `.pdiparams` and runs the saved model in Paddle 3 (the
oracle) on seeded inputs. Here `oar convert` turns the `.json` into ONNX,
the ONNX checker and onnxruntime run it, and the outputs must match Paddle's
within the tolerances of test_convert.py.

The parity test saves the same programs in the legacy format too (Paddle 3
with FLAGS_enable_pir_api=0) and checks that both imports give the same
sequence of `pd` ops.
"""
import os
import re
import subprocess

import numpy as np
import pytest

import cf_programs
import cf_programs_more
import conftest
import convert_cases as cc
import pir_programs
import zoo
from conftest import REPO, run
from test_convert import assert_outputs_match, check_and_run

# Paddle 3.3.1 writes serialization version 4 and 3.0.0 version 1; both are
# made by scripts/setup.sh (requirements-paddle3*.txt). 3.3.1 also saves the
# legacy programs of the parity test.
VENVS = {"3.3": ".venv-paddle3", "3.0": ".venv-paddle30"}
PADDLE3 = os.path.join(REPO, VENVS["3.3"], "bin", "python")
SAVER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "pir_save.py")

pytestmark = pytest.mark.skipif(
    not os.path.exists(PADDLE3),
    reason=".venv-paddle3 (Paddle 3.x) is missing: run scripts/setup.sh")

# zoo.py cases Paddle 3 cannot build as PIR programs: they append raw legacy
# ops (LayerHelper), which exist only in the ProgramDesc format. The v1
# interpolation ops of legacy_interp_v1 have no PIR op at all (PIR's
# *_interp ops are the v2 ones), so no PIR form of that case exists.
NOT_PIR = {"elementwise_legacy_axis", "legacy_matmul_mul", "legacy_interp_v1"}
XFAIL = {}
GROUPS = {
    "vision": [n for n, c in zoo.CASES.items() if c.kind == "vision"],
    "nlp": [n for n, c in zoo.CASES.items() if c.kind == "nlp"],
    "ops": [n for n, c in zoo.CASES.items()
            if c.kind == "ops" and n not in NOT_PIR],
}
GROUP_OF = {n: g for g, names in GROUPS.items() for n in names}
CASES = [pytest.param(v, n, id=f"{n}-paddle{v}", marks=[pytest.mark.xfail(
    reason=XFAIL[n], strict=True)] if n in XFAIL else [])
    for v in VENVS for g in ("ops", "vision", "nlp") for n in GROUPS[g]]
# Cases the parity test leaves out, and why (Paddle's side each time).
LEGACY_BROKEN = ("Paddle 3.3's legacy static mode cannot build it: its Tensor "
                 "methods call PIR-only kernels")
NOT_PARITY = {
    **{n: LEGACY_BROKEN for n in GROUPS["nlp"] + [
        "matmul_transposes", "elementwise_broadcast", "compare_logical_where",
        "activations", "unary_math", "reductions", "gather_index_expand",
        "onehot_tril_arange", "grid_sample_op", "all_any"]},
    "reshape_shape_tensor": "in PIR mode Paddle stacks the shape list "
                            "(pd_op.stack) instead of passing the list",
    "slice_tensor_starts": "in PIR mode Paddle stacks the starts list "
                           "(pd_op.stack) instead of passing the list",
    "expand_tile_shape_tensors": "in PIR mode Paddle stacks the shape and "
                                 "repeat_times lists (pd_op.stack) instead "
                                 "of passing the lists",
    **{n: "in PIR mode paddle.nn's RNN layers make their zero initial "
          "states from a stacked shape (pd_op.stack + full_with_tensor) "
          "instead of a shape list"
       for n in ("lstm_bidirectional", "gru_simple_rnn")},
    "deformable_conv_op": "in PIR mode DeformConv2D adds its bias through "
                          "a reshape (pd_op.reshape + add) instead of an "
                          "elementwise_add with axis=1",
    **{n: "the PIR translator materializes a constant (full, "
          "assign_value) where it is first used, not where the program "
          "makes it" for n in ("cast_fill_scale", "lstm_sequence_length")},
}
PARITY = [n for n in GROUPS["vision"] + GROUPS["ops"]
          if n not in XFAIL and n not in NOT_PARITY]
# Cases whose legacy program saved by Paddle 3 is also converted and run:
# Paddle 3 writes assign_value's data as a list of Scalar attributes
# (`values`).
LEGACY_RUN = ["cast_fill_scale", "repeat_interleave_op"]


class Saver:
    """Runs pir_save.py once per group of cases (one Paddle start-up)."""

    def __init__(self, root):
        self.root = root
        self.done = set()

    def get(self, name, legacy=False, version="3.3"):
        python = os.path.join(REPO, VENVS[version], "bin", "python")
        if not os.path.exists(python):
            pytest.skip(f"{VENVS[version]} (Paddle {version}) is missing: "
                        f"run scripts/setup.sh")
        d = os.path.join(self.root, version,
                         "legacy" if legacy else "pir")
        key = (version, GROUP_OF[name], legacy)
        if key not in self.done:
            self.done.add(key)
            names = GROUPS[key[1]]
            if legacy:
                names = [n for n in names
                         if n in PARITY or n in LEGACY_RUN]
            cmd = [python, SAVER] + (["--legacy"] if legacy else []) + \
                [d] + names
            subprocess.run(cmd, capture_output=True, timeout=1800)
        err = os.path.join(d, name + ".error")
        if os.path.exists(err):
            with open(err) as f:
                pytest.fail(f"Paddle 3 could not save {name}:\n"
                            f"{f.read()[-3000:]}", pytrace=False)
        return os.path.join(d, name)


@pytest.fixture(scope="session")
def saver(session_dir):
    return Saver(str(session_dir / "paddle3"))


def convert_and_match(src, out, npz, case):
    """`oar convert SRC -o OUT`; the ONNX model (checker, onnxruntime) on
    the feeds Paddle saved in `npz` must give its outputs, at
    test_convert.py's tolerance for `case`."""
    r = run("oar", "convert", src, "-o", out)
    assert r.rc == 0, r
    data = np.load(npz)
    feeds = {k[3:]: data[k] for k in data.files if k.startswith("in:")}
    want = [data[f"out:{i}"] for i in range(
        sum(k.startswith("out:") for k in data.files))]
    (got,) = check_and_run(str(out), [feeds])
    assert_outputs_match(got, want, [f"fetch {i}" for i in range(len(want))],
                         *cc.tolerance(case))


@pytest.mark.parametrize("version,name", CASES)
def test_pir_convert_and_run(saver, session_dir, version, name):
    prefix = saver.get(name, version=version)
    convert_and_match(prefix + ".json",
                      session_dir / f"pir-{name}-{version}.onnx",
                      prefix + ".npz", f"zoo-{name}")


def pd_ops(path):
    """The `pd` ops of the imported module in order (parameters excluded)."""
    r = run("oar-translate", "--import-paddle", "--paddle-no-params", path,
            "-o", "-")
    assert r.rc == 0, r
    return [m for m in re.findall(r'= "?(pd\.\w+)', r.out)
            if m != "pd.parameter"]


@pytest.mark.parametrize("name", PARITY)
def test_pir_legacy_parity(saver, name):
    pir = pd_ops(saver.get(name) + ".json")
    legacy = pd_ops(saver.get(name, legacy=True) + ".pdmodel")
    assert pir, "no pd ops imported"
    assert pir == legacy


@pytest.mark.parametrize("name", LEGACY_RUN)
def test_paddle3_legacy_convert_and_run(saver, session_dir, name):
    """A legacy `.pdmodel` saved by Paddle 3 converts and matches Paddle."""
    prefix = saver.get(name, legacy=True)
    convert_and_match(prefix + ".pdmodel",
                      session_dir / f"legacy3-{name}.onnx", prefix + ".npz",
                      f"zoo-{name}")


def test_pir_inspect(saver):
    """`oar inspect` on a PIR program: the format, and the feeds and fetches
    Paddle saved."""
    import json
    prefix = saver.get("multi_feed_fetch_order")
    r = run("oar", "inspect", "--json", prefix + ".json")
    assert r.rc == 0, r
    got = json.loads(r.out)
    assert got["format"] == "PIR"
    assert got["pir_version"] >= 1
    with open(prefix + ".json") as f:
        ops = json.load(f)["program"]["regions"][0]["blocks"][0]["ops"]
    names = [next(a["AT"]["D"] for a in op["A"] if a["N"] == "name")
             for op in ops if op["#"] == "1.data"]
    assert [p["name"] for p in got["feeds"]] == names
    assert len(got["fetches"]) == sum(op["#"] == "1.fetch" for op in ops)
    assert got["parameters"]["file"] == prefix + ".pdiparams"


# Malformed variants of a real PIR program (conv_bn_block), each with the
# strings its diagnostic must name besides the file.
def _edit_ops(fn):
    def edit(doc):
        fn(doc["program"]["regions"][0]["blocks"][0]["ops"])
        return doc
    return edit


def _first(ops, name):
    return next(op for op in ops if op["#"] == name)


def _dangle(ops):
    _first(ops, "1.conv2d")["I"][0]["%"] = 987654


def _param_shape(ops):
    p = _first(ops, "p")
    p["O"]["TT"]["D"][1] = [p["O"]["TT"]["D"][1][0] + 1] + \
        p["O"]["TT"]["D"][1][1:]


def _bad_dtype(ops):
    _first(ops, "1.conv2d")["O"][0]["TT"]["D"][0] = {"#": "0.t_undefined"}


def _attr_type(ops):
    a = next(a for a in _first(ops, "1.conv2d")["A"] if a["N"] == "groups")
    a["AT"] = {"#": "0.a_str", "D": "one"}


BAD = {
    "dangling": (_edit_ops(_dangle), ["op #", "pd_op.conv2d", "%987654"]),
    "param-shape": (_edit_ops(_param_shape), ["in the parameters file"]),
    "dtype": (_edit_ops(_bad_dtype), ["pd_op.conv2d", "t_undefined"]),
    "attr-type": (_edit_ops(_attr_type), ["pd_op.conv2d", "groups"]),
}


@pytest.mark.parametrize("kind", sorted(BAD) + ["truncated", "no-record"])
def test_pir_bad_inputs(saver, session_dir, kind):
    import json
    import shutil
    prefix = saver.get("conv_bn_block")
    d = session_dir / f"pir-bad-{kind}"
    d.mkdir()
    model, params = d / "m.json", d / "m.pdiparams"
    with open(prefix + ".json") as f:
        text = f.read()
    shutil.copy(prefix + ".pdiparams", params)
    mentions = []
    if kind == "truncated":
        text = text[:len(text) // 2]
        mentions = ["not valid JSON"]
    elif kind == "no-record":
        with open(params, "r+b") as f:
            f.truncate(os.path.getsize(params) // 2)
        mentions = ["m.pdiparams"]
    else:
        edit, mentions = BAD[kind]
        text = json.dumps(edit(json.loads(text)))
    model.write_text(text)
    out = d / "out.onnx"
    r = run("oar", "convert", model, "-o", out)
    assert r.rc != 0, r
    assert not out.exists(), f"output file left behind\n{r}"
    assert "m.json" in r.err or "m.pdiparams" in r.err, r
    for m in mentions:
        assert m in r.err, f"diagnostic does not mention {m!r}\n{r}"


def test_pir_model_directory(saver, session_dir):
    """A PaddleX-style directory (inference.json, inference.pdiparams,
    inference.yml): `oar convert DIR` finds the program and its parameters,
    and the model matches Paddle."""
    import shutil
    prefix = saver.get("conv_bn_block")
    d = session_dir / "pir-dir"
    d.mkdir()
    shutil.copy(prefix + ".json", d / "inference.json")
    shutil.copy(prefix + ".pdiparams", d / "inference.pdiparams")
    (d / "inference.yml").write_text("Global:\n  model_name: conv_bn_block\n")
    convert_and_match(d, session_dir / "pir-dir.onnx", prefix + ".npz",
                      "zoo-conv_bn_block")


@pytest.mark.parametrize("version", VENVS)
def test_pir_separate_parameters(session_dir, version):
    """`save_inference_model(..., separate_parameters=True)`:
    DIR/__model__.json and one file per parameter in DIR. `oar convert DIR`
    and `oar convert DIR/__model__.json` both find the parameters and match
    Paddle; without
    one of the files the error names the program and the parameter."""
    import shutil
    python = os.path.join(REPO, VENVS[version], "bin", "python")
    if not os.path.exists(python):
        pytest.skip(f"{VENVS[version]} (Paddle {version}) is missing")
    root = session_dir / f"pir-separate-{version}"
    name = "conv_bn_block"
    subprocess.run([python, SAVER, "--separate", str(root), name],
                   capture_output=True, timeout=600)
    err = root / f"{name}.error"
    if err.exists():
        pytest.fail(f"Paddle {version} could not save {name}:\n"
                    f"{err.read_text()[-3000:]}", pytrace=False)
    d = root / name
    files = sorted(p.name for p in d.iterdir())
    assert "__model__.json" in files and len(files) > 2, files
    for i, src in enumerate([d, d / "__model__.json"]):
        out = session_dir / f"pir-separate-{version}-{i}.onnx"
        convert_and_match(src, out, root / f"{name}.npz", f"zoo-{name}")
    partial = session_dir / f"pir-separate-{version}-partial"
    shutil.copytree(d, partial)
    os.remove(partial / next(f for f in files if f != "__model__.json"))
    out = session_dir / f"pir-separate-{version}-partial.onnx"
    r = run("oar", "convert", partial, "-o", out)
    assert r.rc != 0, r
    assert not out.exists()
    assert "__model__.json" in r.err and "holds one file per parameter " \
        "for 12 of them, but none for" in r.err, r


# Field models (../shared/models) re-saved as PIR programs by Paddle 3.3 and
# 3.0 (pir_resave.py: its legacy-to-PIR translator, then
# save_inference_model),
# which have the translator's pd_op.feed and builtin.slice, and pd_op.rnn
# with its lists for bilstm_text and crnn_mbv3_bilstm. Left out, and why:
RESAVE_NOT = {
    "crnn_qat_fakequant": "Paddle 3's translator fails on it (Type of "
                          "attribute: round_type is not "
                          "pir::Int32Attribute)",
    **{name[len("field-"):]: "its NMS outputs need test_convert's NMS "
       "re-run comparison (near-ties with random weights)"
       for name in cc.NMS_RERUN},
}
RESAVED = [n for n, _, _ in conftest.field_models() if n not in RESAVE_NOT]
RNN_MODELS = {"bilstm_text", "crnn_mbv3_bilstm"}


@pytest.mark.parametrize("version", VENVS)
@pytest.mark.parametrize("name", RESAVED)
def test_pir_resaved_field_model(session_dir, name, version):
    python = os.path.join(REPO, VENVS[version], "bin", "python")
    if not os.path.exists(python):
        pytest.skip(f"{VENVS[version]} (Paddle {version}) is missing")
    case = next((c for c in cc.field_cases() if c.name == f"field-{name}"),
                None)
    if case is None:
        pytest.skip(f"field model {name} not found (OAR_MODELS_DIR)")
    m = cc.materialize(case, str(session_dir / "pir-resave-src"))
    feeds = cc.feed_arrays(m, 0)
    d = session_dir / f"pir-resave-{version}"
    d.mkdir(exist_ok=True)
    np.savez(d / f"{name}-in.npz", **feeds)
    prefix = str(d / name)
    subprocess.run([python, os.path.join(os.path.dirname(SAVER),
                                          "pir_resave.py"),
                    m.model, m.params, str(d / f"{name}-in.npz"), prefix],
                   capture_output=True, timeout=900)
    if os.path.exists(prefix + ".error"):
        with open(prefix + ".error") as f:
            pytest.fail(f"Paddle {version} could not re-save {name}:\n"
                        f"{f.read()[-3000:]}", pytrace=False)
    with open(prefix + ".json") as f:
        text = f.read()
    assert '"1.feed"' in text
    assert ('"1.rnn"' in text) == (name in RNN_MODELS)
    out = session_dir / f"pir-resave-{name}-{version}.onnx"
    r = run("oar", "convert", prefix + ".json", "-o", out)
    assert r.rc == 0, r
    data = np.load(prefix + ".npz")
    want = [data[f"out:{i}"] for i in range(len(data.files))]
    (got,) = check_and_run(str(out), [feeds])
    assert_outputs_match(got, want, [f"fetch {i}" for i in range(len(want))],
                         *cc.tolerance(case.name))


# Control flow: the cf_programs.py cases saved by Paddle 3.3 and 3.0 as PIR
# programs
# (pir_cf_save.py), each converted and run on every feed set of the case
# (one per branch) against Paddle's outputs.
CF_SAVER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "pir_cf_save.py")
# Every case runs, recognizer and to_static_undefined_var included: the
# placeholders Paddle 3's to_static gives loop variables first assigned in a
# `while` (pd_op.full of shape [] typed as the variable) import as zeros,
# docs/pir-import.md.
CF_RUN = list(cf_programs.CASES)
# PyLayers (pd_op.pylayer), which only the PIR form has (pir_programs.py).
CF_RUN += list(pir_programs.CASES)
# The control-flow programs of cf_programs_more.py, but one that Paddle 3
# (3.0 and 3.3) saves in PIR form and cannot run, so there is no oracle.
CF_NOT_PIR = {
    "while_array_concat": "Paddle 3's PIR array_to_tensor requires arrays "
                          "of equal dims (InvalidArgumentError: The dims of "
                          "input in ArrayToTensor must be equal)",
}
CF_RUN += [c.name for c in cf_programs_more.CASES
           if c.name not in CF_NOT_PIR]


class CfSaver:
    """Runs pir_cf_save.py once per Paddle version."""

    def __init__(self, root):
        self.root = root

    def get(self, name, version):
        python = os.path.join(REPO, VENVS[version], "bin", "python")
        if not os.path.exists(python):
            pytest.skip(f"{VENVS[version]} (Paddle {version}) is missing: "
                        f"run scripts/setup.sh")
        d = os.path.join(self.root, version)
        if not os.path.isdir(d):
            subprocess.run([python, CF_SAVER, d] + CF_RUN,
                           capture_output=True, timeout=1800)
        return _cf_prefix(d, name)


@pytest.fixture(scope="session")
def cf_saved(session_dir):
    return CfSaver(str(session_dir / "paddle3-cf"))


def _cf_prefix(d, name):
    err = os.path.join(d, name + ".error")
    if os.path.exists(err):
        with open(err) as f:
            pytest.fail(f"Paddle 3 could not save {name}:\n"
                        f"{f.read()[-3000:]}", pytrace=False)
    return os.path.join(d, name)


@pytest.mark.parametrize("version", VENVS)
@pytest.mark.parametrize("name", CF_RUN)
def test_pir_control_flow(cf_saved, session_dir, name, version):
    prefix = cf_saved.get(name, version)
    out = session_dir / f"pir-cf-{name}-{version}.onnx"
    r = run("oar", "convert", prefix + ".json", "-o", out)
    assert r.rc == 0, r
    data = np.load(prefix + ".npz")
    runs = sorted({int(k.split(":")[0]) for k in data.files})
    feeds = [{k.split(":", 2)[2]: data[k] for k in data.files
              if k.startswith(f"{r}:in:")} for r in runs]
    got = check_and_run(str(out), feeds)
    for r in runs:
        n = sum(k.startswith(f"{r}:out:") for k in data.files)
        want = [data[f"{r}:out:{i}"] for i in range(n)]
        assert_outputs_match(got[r], want, [f"set {r} fetch {i}"
                                            for i in range(n)], 1e-5, 1e-5)
