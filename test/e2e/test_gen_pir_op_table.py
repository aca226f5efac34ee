"""scripts/gen_pir_op_table.py: its reading of Paddle's op YAML, and the
checked-in frontends/paddle/PirOpTable.inc against what it generates.

The YAML readers are checked on small programs written here in the format
of Paddle's ops.yaml / op_compat.yaml. The regeneration test needs a Paddle
source tree (its paddle/phi/ops/yaml; never part of Oar) in
OAR_PADDLE_YAML_DIR (default <repo>/../paddle-yaml/138c1cb, see
docs/pir-import.md), a python3 with PyYAML, and .venv-paddle3 (the pinned
wheel's pd_op.h); it is skipped without them.
"""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "scripts"))
import gen_pir_op_table as gen  # noqa: E402

YAML_DIR = os.environ.get(
    "OAR_PADDLE_YAML_DIR",
    os.path.join(os.path.dirname(REPO), "paddle-yaml", "138c1cb"))


def test_args_in_order():
    inputs, attrs = gen.parse_yaml_args(
        '(Tensor x, Tensor[] ys, IntArray shape = {1, 2}, '
        'Scalar(int) axis = 0, str fmt = "N,C", float[] s = {0.5f}, '
        'Tensor mask)')
    assert inputs == ["x", "ys", "mask"]
    assert [a for a, _ in attrs] == ["shape", "axis", "fmt", "s"]
    assert dict(attrs)["axis"] == "Scalar(int)"


def test_outputs():
    assert gen.parse_yaml_outputs("Tensor(out), Tensor[](parts){n}") == [
        "out", "parts"]
    assert gen.parse_yaml_outputs("Tensor") == ["out"]
    assert gen.parse_yaml_outputs("") == []


def test_mutable_attributes():
    attrs = [("shape", "IntArray"), ("axis", "Scalar"), ("keep", "bool"),
             ("pad", "IntArray")]
    compat = {"int_array": {"shape": {"data_type": "int",
                                      "tensor_name": "ShapeTensor"},
                            # no tensor: an attribute, not an operand
                            "pad": {"data_type": "int"}},
              "scalar": {"axis": {"data_type": "int",
                                  "support_tensor": True}}}
    # In attribute order, whatever the order of op_compat.yaml's entries.
    assert gen.yaml_mutable_attrs("f", attrs, compat) == ["shape", "axis"]
    assert gen.yaml_mutable_attrs("f", attrs, None) == []
    # Paddle's generator: one_hot's `depth` is the operand num_classes;
    # pow's scalar y stays an attribute.
    assert gen.yaml_mutable_attrs(
        "one_hot", [("num_classes", "Scalar")],
        {"scalar": {"depth": {"tensor_name": "depth_tensor"}}}) == [
            "num_classes"]
    assert gen.yaml_mutable_attrs(
        "pow", [("y", "Scalar")],
        {"scalar": {"y": {"tensor_name": "FactorTensor"}}}) == []


def test_compat_names():
    assert gen.phi_name("matmul (matmul_v2)") == ("matmul", "matmul_v2")
    assert gen.phi_name("relu") == ("relu", "relu")
    assert gen.yaml_compat_pairs({"inputs": {"x": "X"},
                                  "outputs": {"out": "Y"},
                                  "attrs": {"data_format": "data_layout"}}) \
        == {"x": "X", "out": "Y", "data_format": "data_layout"}


def _python_with_yaml():
    for py in (shutil.which("python3"), sys.executable):
        if py and subprocess.run([py, "-c", "import yaml"],
                                 capture_output=True).returncode == 0:
            return py
    return None


def test_checked_in_table_is_generated(tmp_path):
    if not os.path.isdir(os.path.join(YAML_DIR, gen.YAML_DIR)):
        pytest.skip(f"no Paddle op YAML in {YAML_DIR} "
                    "(set OAR_PADDLE_YAML_DIR)")
    if not gen.default_pd_op_h():
        pytest.skip("no .venv-paddle3 (scripts/setup.sh)")
    py = _python_with_yaml()
    if not py:
        pytest.skip("no python3 with PyYAML")
    out = tmp_path / "PirOpTable.inc"
    r = subprocess.run([py, os.path.join(REPO, "scripts",
                                         "gen_pir_op_table.py"),
                        "--paddle-yaml-dir", YAML_DIR, "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    checked_in = os.path.join(REPO, "frontends", "paddle", "PirOpTable.inc")
    with open(checked_in) as f:
        want = f.read()
    assert out.read_text() == want, (
        "frontends/paddle/PirOpTable.inc is not what "
        "scripts/gen_pir_op_table.py generates from " + YAML_DIR)
