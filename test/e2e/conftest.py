"""Fixtures for Oar's end-to-end tests.

Environment:
  OAR_BIN_DIR        directory with oar-translate, oar-opt, oar
                     (default <repo>/build/bin)
  OAR_FIELD_MODELS   directory of field models (default <repo>/../shared/models)
"""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

REPO = os.path.dirname(os.path.dirname(HERE))
BIN_DIR_SET = "OAR_BIN_DIR" in os.environ
BIN_DIR = os.environ.get("OAR_BIN_DIR", os.path.join(REPO, "build", "bin"))
FIELD_DIR = os.environ.get(
    "OAR_FIELD_MODELS", os.path.join(os.path.dirname(REPO), "shared",
                                     "models"))

# Output that means the tool crashed or tripped a sanitizer, whatever rc says.
CRASH_MARKERS = ("Stack dump", "Assertion", "AddressSanitizer",
                 "runtime error:", "LeakSanitizer", "Segmentation fault")


def field_models():
    """[(name, model path, params path or None)] found in FIELD_DIR."""
    if not os.path.isdir(FIELD_DIR):
        return []
    out = []
    for name in sorted(os.listdir(FIELD_DIR)):
        d = os.path.join(FIELD_DIR, name)
        if not os.path.isdir(d):
            continue
        files = sorted(os.listdir(d))
        models = [f for f in files if f.endswith(".pdmodel")
                  or f == "__model__"]
        if len(models) != 1:
            continue
        model = os.path.join(d, models[0])
        params = None
        if models[0].endswith(".pdmodel"):
            p = model[:-len(".pdmodel")] + ".pdiparams"
            params = p if os.path.exists(p) else None
        out.append((name, model, params))
    return out


def field_params():
    """pytest params for the field models, or one skipped placeholder."""
    found = field_models()
    if not found:
        return [pytest.param(None, id="field-models-absent", marks=(
            pytest.mark.skip(reason=f"field models not found in {FIELD_DIR}"
                             " (set OAR_FIELD_MODELS)")))]
    return [pytest.param(m, id=m[0]) for m in found]


def tool_path(name):
    p = os.path.join(BIN_DIR, name)
    if not os.path.exists(p):
        if BIN_DIR_SET:
            pytest.fail(f"{name} not found in OAR_BIN_DIR={BIN_DIR}")
        pytest.skip(f"{name} not built in {BIN_DIR} (set OAR_BIN_DIR)")
    return p


class Result:
    def __init__(self, args, rc, out, err):
        self.args, self.rc, self.out, self.err = args, rc, out, err

    def __iter__(self):
        return iter((self.rc, self.out, self.err))

    def __repr__(self):
        return (f"$ {' '.join(self.args)}\nrc={self.rc}\n"
                f"stderr:\n{self.err[-3000:]}")


def run(tool, *args, timeout=300, binary=False):
    """Runs an Oar tool; returns Result (iterable as rc, stdout, stderr).

    Fails the test when the tool died of a signal, timed out, or printed a
    crash or sanitizer report, whatever its exit status."""
    cmd = [tool_path(tool)] + [str(a) for a in args]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {timeout}s: {' '.join(cmd)}")
    out = p.stdout if binary else p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    r = Result(cmd, p.returncode, out, err)
    assert p.returncode >= 0, f"killed by signal {-p.returncode}\n{r}"
    for marker in CRASH_MARKERS:
        assert marker not in err, f"crash marker {marker!r}\n{r}"
    return r


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("oar-e2e")


@pytest.fixture(scope="session")
def zoo_cache(session_dir):
    import zoo
    return zoo.Cache(str(session_dir / "zoo"))


@pytest.fixture(scope="session")
def op_table():
    import pdesc
    return pdesc.pd_op_table()
