"""`oar inspect` against values decoded independently with framework_pb2."""
import json
import os
import shutil

import pytest

import pdesc
import zoo
from conftest import field_params, run

# Inspection is cheap: every field model, and zoo cases of each kind.
ZOO = ["conv2d_bias", "multi_feed_fetch_order", "compare_logical_where",
       "cast_fill_scale", "lstm_bidirectional", "embedding_lookup",
       "resnet18", "mobilenet_v3_small", "inception_v3", "bert", "qwen2"]
assert set(ZOO) <= set(zoo.CASES)
MODELS = field_params() + [pytest.param(("zoo", n), id=f"zoo-{n}")
                           for n in ZOO]


def _resolve(spec, zoo_cache):
    if spec[0] == "zoo":
        s = zoo_cache.get(spec[1])
        return s.model, s.params
    return spec[1], spec[2]


def expected_summary(model, params):
    p = pdesc.Program(model)
    ps = p.params()
    return {
        "format": "ProgramDesc",
        "program_version": p.version,
        "paddle_version": p.paddle_version,
        "blocks": p.num_blocks,
        "ops": len(p.ops()),
        "feeds": [{"name": v.name, "dtype": v.dtype, "shape": v.shape}
                  for v in p.feeds],
        "fetches": [{"name": v.name, "dtype": v.dtype, "shape": v.shape}
                    for v in p.fetches],
        "op_types": dict(p.op_counts()),
        "parameters": {
            "count": len(ps),
            "elements": sum(q.elements for q in ps),
            "bytes": sum(q.bytes for q in ps),
            "file_bytes": os.path.getsize(params) if params else None,
        },
    }


def _inspect_json(*args):
    r = run("oar", "inspect", *args, "--json")
    assert r.rc == 0, r
    try:
        return json.loads(r.out)
    except ValueError as e:
        pytest.fail(f"not one JSON object ({e}):\n{r.out[:2000]}")


@pytest.mark.parametrize("spec", MODELS)
def test_inspect_json(spec, zoo_cache):
    model, params = _resolve(spec, zoo_cache)
    got = _inspect_json(model)
    want = expected_summary(model, params)
    assert os.path.samefile(got["file"], model)
    for key in ("format", "program_version", "paddle_version", "blocks",
                "ops", "feeds", "fetches", "op_types"):
        assert got[key] == want[key], key
    gp, wp = got["parameters"], want["parameters"]
    for key in ("count", "elements", "bytes", "file_bytes"):
        assert gp[key] == wp[key], f"parameters.{key}"
    if params:
        assert os.path.samefile(gp["file"], params)
    else:
        assert gp["file"] is None


@pytest.mark.parametrize("spec", MODELS)
def test_inspect_text(spec, zoo_cache):
    model, _ = _resolve(spec, zoo_cache)
    r = run("oar", "inspect", model)
    assert r.rc == 0, r
    p = pdesc.Program(model)
    for v in p.feeds + p.fetches:
        assert v.name in r.out
    for t in p.op_counts():
        assert t in r.out
    if p.paddle_version:
        assert p.paddle_version in r.out


def test_inspect_explicit_params(zoo_cache, session_dir):
    s = zoo_cache.get("conv_bn_block")
    d = session_dir / "inspect-explicit"
    d.mkdir()
    model = d / "net.pdmodel"
    shutil.copy(s.model, model)
    # Without a params file next to the model: none found.
    got = _inspect_json(model)
    assert got["parameters"]["file"] is None
    assert got["parameters"]["file_bytes"] is None
    weights = d / "weights.bin"
    shutil.copy(s.params, weights)
    got = _inspect_json(model, "--params", weights)
    assert os.path.samefile(got["parameters"]["file"], weights)
    assert got["parameters"]["file_bytes"] == os.path.getsize(weights)
    assert got["parameters"]["bytes"] == \
        expected_summary(s.model, s.params)["parameters"]["bytes"]


def test_paddle_version_unknown(zoo_cache, session_dir):
    """ProgramDesc.version 0 (or absent) means the saving version is unknown."""
    s = zoo_cache.get("reshape_attr")
    desc = pdesc.load_program(s.model)
    desc.version.version = 0
    path = session_dir / "version0.pdmodel"
    path.write_bytes(desc.SerializeToString())
    got = _inspect_json(path)
    assert got["program_version"] == 0
    assert got["paddle_version"] is None


def test_paddle_version_decoding(zoo_cache, session_dir):
    s = zoo_cache.get("reshape_attr")
    desc = pdesc.load_program(s.model)
    desc.version.version = 1008004
    path = session_dir / "version1.8.4.pdmodel"
    path.write_bytes(desc.SerializeToString())
    got = _inspect_json(path)
    assert got["program_version"] == 1008004
    assert got["paddle_version"] == "1.8.4"
