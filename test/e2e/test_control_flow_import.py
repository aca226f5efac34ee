"""oar-translate --import-paddle on Paddle programs with control flow.

The programs come from cf_programs.py (paddle.static.nn.cond, while_loop,
tensor arrays, paddle.jit.to_static). Expectations come from decoding each
program with Paddle's protobuf classes: every conditional_block pair (cond
and logical_not), and every lone conditional_block, is one `pd.if` whose
results are the select_inputs that merge its outputs;
every `while` is one `pd.while`; each tensor-array op is one array op; no
legacy control-flow op survives. The numeric checks (against Paddle, through
ONNX) are in the conversion tests.
"""
import collections
import re

import pytest

import cf_programs
import pdesc
from conftest import run

ARRAY_OPS = {"write_to_array": "pd.array_write",
             "read_from_array": "pd.array_read",
             "lod_array_length": "pd.array_length",
             "tensor_array_to_tensor": "pd.array_to_tensor",
             "increment": "pd.increment"}


@pytest.fixture(scope="module")
def cf_cache(session_dir):
    return cf_programs.Cache(str(session_dir / "cf"))


def _paddle_counts(path):
    desc = pdesc.load_program(path)
    return collections.Counter(op.type for b in desc.blocks for op in b.ops)


def _cond_pairs(path):
    """The conditional_block pairs of the program: a conditional_block, the
    logical_not of its condition, a conditional_block on that."""
    desc = pdesc.load_program(path)
    n = 0
    for b in desc.blocks:
        ops = list(b.ops)
        for i in range(len(ops) - 2):
            a, x, c = ops[i], ops[i + 1], ops[i + 2]
            if (a.type == "conditional_block" and x.type == "logical_not"
                    and c.type == "conditional_block"):
                cond = {v.parameter: list(v.arguments) for v in a.inputs}
                nx = {v.parameter: list(v.arguments) for v in x.inputs}
                nout = {v.parameter: list(v.arguments) for v in x.outputs}
                ccond = {v.parameter: list(v.arguments) for v in c.inputs}
                if nx.get("X") == cond.get("Cond") and \
                        ccond.get("Cond") == nout.get("Out"):
                    n += 1
    return n


def _if_results(text):
    """The number of results of each pd.if, in order."""
    out = []
    for m in re.finditer(r"^\s*(%[\w#]+(?::(\d+))?\s*=\s*)?pd\.if ", text,
                         re.M):
        out.append(0 if not m.group(1) else int(m.group(2) or 1))
    return out


@pytest.mark.parametrize("name", list(cf_programs.CASES))
def test_import_structure(name, cf_cache, session_dir):
    built = cf_cache.get(name)
    counts = _paddle_counts(built.model)
    r = run("oar-translate", "--import-paddle", built.model,
            f"--paddle-params={built.params}" if built.params
            else "--paddle-no-params")
    assert r.rc == 0, r
    text = r.out
    assert "select_input" not in text and "conditional_block" not in text

    # One pd.if per conditional_block pair (or lone conditional_block),
    # carrying all its outputs.
    ifs = _if_results(text)
    pairs = _cond_pairs(built.model)
    assert len(ifs) == counts["conditional_block"] - pairs, (ifs, counts)
    assert sum(ifs) == counts["select_input"], (ifs, counts)
    # One pd.while per while.
    assert len(re.findall(r"\bpd\.while \(", text)) == counts["while"]
    for legacy, op in ARRAY_OPS.items():
        assert len(re.findall(rf"\b{re.escape(op)}\b", text)) == \
            counts[legacy], (legacy, text)

    # The import is valid input for the passes the lowering runs first.
    path = session_dir / f"cf-{name}.mlir"
    path.write_text(text)
    r = run("oar-opt", path, "-canonicalize", "--loop-invariant-code-motion")
    assert r.rc == 0, r


def test_if_both_branches_in_one_if(cf_cache):
    """if_cond_api has three outputs per branch: one pd.if with three
    results, and each branch's computation only in its region."""
    built = cf_cache.get("if_cond_api")
    r = run("oar-translate", "--import-paddle", built.model,
            "--paddle-no-params")
    assert r.rc == 0, r
    assert _if_results(r.out) == [3]
    then, rest = r.out.split("} else {", 1)
    els = rest.split("\n    }\n", 1)[0]
    assert "pd.relu" in then and "pd.relu" not in els
    assert "pd.exp" in els and "pd.exp" not in then


def test_while_concat_grow_is_dynamic(cf_cache):
    """The carried tensor grows each step: its loop type has a `?` dim."""
    built = cf_cache.get("while_concat_grow")
    r = run("oar-translate", "--import-paddle", built.model,
            "--paddle-no-params")
    assert r.rc == 0, r
    m = re.search(r"pd\.while \(.*\) : \((.*)\) -> \((.*)\) \{", r.out)
    assert m and "tensor<?xf32>" in m.group(2), r.out


def test_inspect_multi_block(cf_cache):
    """oar inspect on a program with nested blocks: every op counted, none
    reported unsupported."""
    built = cf_cache.get("while_if")
    counts = _paddle_counts(built.model)
    r = run("oar", "inspect", built.model)
    assert r.rc == 0, r
    assert f"blocks:   {4}" in r.out, r.out
    assert "not supported" not in r.out, r.out
    for op in ("while", "conditional_block", "select_input"):
        assert re.search(rf"^\s*{counts[op]}\s+{op}\s*$", r.out, re.M), r.out
