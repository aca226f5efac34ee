"""oar-translate --import-paddle on the zoo and on field models.

Every expectation comes from decoding the program with Paddle's own protobuf
classes (pdesc.Program) and from dialects/pd/spec/pd_ops.py: one `pd` op per
Paddle op (feed/fetch excepted), func arguments and results in feed/fetch
`col` order named after the feed/fetch variables.
"""
import os
import shutil

import pytest

import pdesc
import zoo
from conftest import field_params, run

MODELS = field_params() + [pytest.param(("zoo", n), id=f"zoo-{n}")
                           for n in zoo.CASES]


class Model:
    def __init__(self, key, model, params):
        self.key, self.model, self.params = key, model, params
        self.program = pdesc.Program(model)

    def import_args(self):
        if self.params:
            return [self.model, f"--paddle-params={self.params}"]
        return [self.model, "--paddle-no-params"]


_imports = {}


def _model(spec, zoo_cache):
    if spec[0] == "zoo":
        s = zoo_cache.get(spec[1])
        return Model("zoo-" + spec[1], s.model, s.params)
    name, model, params = spec
    return Model(name, model, params)


def do_import(spec, zoo_cache, session_dir):
    m = _model(spec, zoo_cache)
    if m.key not in _imports:
        r = run("oar-translate", "--import-paddle", *m.import_args())
        path = session_dir / f"import-{m.key}.mlir"
        path.write_text(r.out)
        _imports[m.key] = (m, r, path)
    m, r, path = _imports[m.key]
    assert r.rc == 0, r
    return m, r, path


@pytest.mark.parametrize("spec", MODELS)
def test_ops_match_program(spec, zoo_cache, session_dir, op_table):
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    counts = m.program.op_counts()
    unmapped = sorted(t for t in counts if t not in op_table)
    assert not unmapped, f"op types absent from pd_ops.py: {unmapped}"
    expected = {}
    for t, n in counts.items():
        expected[op_table[t]] = expected.get(op_table[t], 0) + n
    got = dict(pdesc.mlir_pd_op_counts(r.out))
    diff = {k: (expected.get(k, 0), got.get(k, 0))
            for k in set(expected) | set(got)
            if expected.get(k, 0) != got.get(k, 0)}
    assert not diff, f"pd op counts differ (expected, got): {diff}"


@pytest.mark.parametrize("spec", MODELS)
def test_output_verifies(spec, zoo_cache, session_dir):
    _, _, path = do_import(spec, zoo_cache, session_dir)
    r = run("oar-opt", path)
    assert r.rc == 0, r
    # The round trip keeps every op.
    assert pdesc.mlir_pd_op_counts(r.out) == \
        pdesc.mlir_pd_op_counts(path.read_text())


@pytest.mark.parametrize("spec", MODELS)
def test_feeds_and_fetches(spec, zoo_cache, session_dir):
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    args, nargs, results, nres = pdesc.mlir_main_signature(r.out)
    assert nargs == len(m.program.feeds)
    assert args == [f.name for f in m.program.feeds]
    assert nres == len(m.program.fetches)
    assert results == [f.name for f in m.program.fetches]


@pytest.mark.parametrize("spec", MODELS)
def test_parameters(spec, zoo_cache, session_dir):
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    expected = sorted(p.name for p in m.program.read_params())
    names = pdesc.mlir_parameter_names(r.out)
    consts = pdesc.mlir_resource_constant_names(r.out)
    if m.params:
        assert names == []
        assert sorted(consts) == expected
    else:
        assert consts == []
        assert sorted(names) == expected


@pytest.mark.parametrize("spec", MODELS)
def test_program_version_attr(spec, zoo_cache, session_dir):
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    assert f"pd.program_version = {m.program.version} : i64" in r.out


@pytest.mark.parametrize("spec", MODELS)
def test_deterministic(spec, zoo_cache, session_dir):
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    out = session_dir / f"again-{m.key}.mlir"
    r2 = run("oar-translate", "--import-paddle", *m.import_args(), "-o", out)
    assert r2.rc == 0, r2
    assert out.read_text() == r.out


def _has_bytecode_flag():
    r = run("oar-translate", "--help")
    return "--emit-bytecode" in r.out


@pytest.mark.parametrize("spec", MODELS)
def test_bytecode_parses(spec, zoo_cache, session_dir):
    if not _has_bytecode_flag():
        pytest.skip("oar-translate has no --emit-bytecode")
    m, r, _ = do_import(spec, zoo_cache, session_dir)
    out = session_dir / f"bytecode-{m.key}.mlirbc"
    rb = run("oar-translate", "--import-paddle", *m.import_args(),
             "--emit-bytecode", "-o", out)
    assert rb.rc == 0, rb
    assert out.read_bytes()[:4] == b"ML\xefR"  # MLIR bytecode magic
    ro = run("oar-opt", out)
    assert ro.rc == 0, ro
    assert pdesc.mlir_pd_op_counts(ro.out) == pdesc.mlir_pd_op_counts(r.out)


# ------------------------------------------------- parameter file locations
def _split_params(params, program, outdir):
    """Writes one file per variable, named after it (legacy layout)."""
    with open(params, "rb") as f:
        buf = f.read()
    recs = pdesc.read_params(params)
    ps = program.params()
    assert len(recs) == len(ps)
    for p, rec in zip(ps, recs):
        with open(os.path.join(outdir, p.name), "wb") as f:
            f.write(buf[rec.offset:rec.end])


LAYOUTS = ["pdiparams-default", "explicit-params", "__params__", "params",
           "per-variable-files"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("case", ["conv_bn_block", "bert"])
def test_param_file_layouts(case, layout, zoo_cache, session_dir):
    """All the ways Paddle stores parameters give the same module."""
    s = zoo_cache.get(case)
    assert s.params
    d = session_dir / f"layout-{case}-{layout}"
    d.mkdir()
    program = pdesc.Program(s.model)
    if layout == "pdiparams-default":
        model = d / "m.pdmodel"
        shutil.copy(s.model, model)
        shutil.copy(s.params, d / "m.pdiparams")
        args = [model]
    elif layout == "explicit-params":
        model = d / "m.pdmodel"
        shutil.copy(s.model, model)
        shutil.copy(s.params, d / "weights.bin")
        args = [model, f"--paddle-params={d / 'weights.bin'}"]
    else:
        model = d / "__model__"
        shutil.copy(s.model, model)
        if layout == "per-variable-files":
            _split_params(s.params, program, d)
        else:
            shutil.copy(s.params, d / layout)
        args = [model]
    r = run("oar-translate", "--import-paddle", *args)
    assert r.rc == 0, r
    ref = run("oar-translate", "--import-paddle", s.model,
              f"--paddle-params={s.params}")
    assert ref.rc == 0, ref
    assert pdesc.mlir_pd_op_counts(r.out) == pdesc.mlir_pd_op_counts(ref.out)
    assert pdesc.mlir_parameter_names(r.out) == []
    assert pdesc.mlir_resource_constant_names(r.out) == \
        pdesc.mlir_resource_constant_names(ref.out)
    (d / "out.mlir").write_text(r.out)
    rv = run("oar-opt", d / "out.mlir")
    assert rv.rc == 0, rv


def test_no_params_flag_ignores_existing_file(zoo_cache):
    s = zoo_cache.get("conv_bn_block")
    r = run("oar-translate", "--import-paddle", s.model, "--paddle-no-params")
    assert r.rc == 0, r
    names = pdesc.mlir_parameter_names(r.out)
    assert sorted(names) == sorted(p.name for p in
                                   pdesc.Program(s.model).read_params())
    assert "dense_resource<" not in r.out
