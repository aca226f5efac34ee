"""onnx-fold-constants against onnxruntime.

Each case is one op on constant inputs. onnxruntime runs it (a one-node
model built with onnx.helper) to give the expected value and its shape;
the same op is written as `onnx` MLIR with that result type, folded by
`oar-opt -onnx-fold-constants`, and the folded constant must equal
onnxruntime's output exactly.
"""
import ast
import re

import numpy as np
import pytest

from conftest import run

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import helper, numpy_helper  # noqa: E402

OPSET = 17
MLIR_TYPES = {np.dtype("uint64"): "ui64", np.dtype("int64"): "i64", np.dtype("int32"): "i32",
              np.dtype("int8"): "i8", np.dtype("uint8"): "ui8",
              np.dtype("float32"): "f32", np.dtype("float16"): "f16",
              np.dtype("float64"): "f64", np.dtype("bool"): "i1"}
ONNX_TO = {"uint64": 13, "int64": 7, "int32": 6, "int8": 3, "uint8": 2, "float32": 1,
           "float16": 10, "float64": 11, "bool": 9}

ARITY = {"Slice": 5}

i64 = lambda *v: np.array(v, dtype=np.int64)  # noqa: E731

# id, op, inputs, attributes
CASES = [
    ("slice_neg_step", "Slice",
     [np.arange(20, dtype=np.int64).reshape(4, 5), i64(-1, 0), i64(-10, 5),
      i64(0, 1), i64(-2, 2)], {}),
    ("slice_big_bounds", "Slice",
     [np.arange(6, dtype=np.int32), i64(-100), i64(np.iinfo(np.int64).max)],
     {}),
    ("slice_reverse", "Slice",
     [np.arange(6, dtype=np.int64), i64(-1), i64(np.iinfo(np.int64).min),
      i64(0), i64(-1)], {}),
    ("slice_huge_steps", "Slice",
     [np.arange(6, dtype=np.int64), i64(1), i64(6), i64(0),
      i64(np.iinfo(np.int64).max)], {}),
    ("slice_huge_neg_step", "Slice",
     [np.arange(6, dtype=np.int64), i64(4), i64(0), i64(0),
      i64(np.iinfo(np.int64).min)], {}),
    ("gather_neg_2d", "Gather",
     [np.arange(12, dtype=np.int64).reshape(3, 4),
      np.array([[-1, 0], [2, -4]], dtype=np.int32)], {"axis": 1}),
    ("gather_scalar", "Gather", [i64(4, 5, 6), np.array(-1, dtype=np.int64)],
     {"axis": 0}),
    ("concat", "Concat", [i64(1, 2), i64(3), i64(4, 5, 6)], {"axis": -1}),
    ("div_trunc_i64", "Div", [i64(-7, 7, -7, 7, -1), i64(2, -2, -2, 2, 3)],
     {}),
    ("div_trunc_i32", "Div",
     [np.array([-9, 9, 5], dtype=np.int32), np.array(4, dtype=np.int32)], {}),
    ("div_f32", "Div",
     [np.array([1.0, 2.0, 10.0], dtype=np.float32),
      np.array([3.0, 7.0, 0.1], dtype=np.float32)], {}),
    ("add_i32_wrap", "Add",
     [np.array([2147483647, 3], dtype=np.int32),
      np.array([1, 4], dtype=np.int32)], {}),
    ("mul_i32_wrap", "Mul",
     [np.array([65536, -3], dtype=np.int32),
      np.array([[65536], [7]], dtype=np.int32)], {}),
    ("sub_broadcast", "Sub", [i64(10, 20, 30), np.array([[1], [2]])], {}),
    ("add_f16", "Add",
     [np.array([0.1, 1000.0, 3.3], dtype=np.float16),
      np.array([0.2, 0.5, -1.1], dtype=np.float16)], {}),
    ("equal", "Equal", [i64(1, -1, 3), np.array(-1, dtype=np.int64)], {}),
    ("where", "Where",
     [np.array([[True, False, True]]), i64(1, 2, 3),
      np.array([[10], [20]], dtype=np.int64)], {}),
    ("cast_f32_i32", "Cast", [np.array([2.7, -2.7, 0.5], dtype=np.float32)],
     {"to": "int32"}),
    ("cast_i64_i8", "Cast", [i64(255, 256, -129)], {"to": "int8"}),
    ("cast_f32_f16", "Cast",
     [np.array([0.1, 65519.0, 1e-8], dtype=np.float32)], {"to": "float16"}),
    ("cast_i64_f32", "Cast", [i64(16777217, -3)], {"to": "float32"}),
    ("cast_f32_u64", "Cast", [np.array([1e19, 3.5], dtype=np.float32)],
     {"to": "uint64"}),
    ("cast_f32_bool", "Cast", [np.array([0.0, -0.5, 2.0], dtype=np.float32)],
     {"to": "bool"}),
    ("range", "Range", [np.array(10, dtype=np.int64),
                        np.array(-3, dtype=np.int64),
                        np.array(-4, dtype=np.int64)], {}),
    ("range_i32", "Range", [np.array(1, dtype=np.int32),
                            np.array(8, dtype=np.int32),
                            np.array(3, dtype=np.int32)], {}),
    ("reshape_zero_infer", "Reshape",
     [np.arange(24, dtype=np.int64).reshape(2, 3, 4), i64(0, -1, 2)], {}),
    ("squeeze", "Squeeze", [np.zeros((1, 3, 1), dtype=np.int64), i64(-1)],
     {}),
    ("unsqueeze", "Unsqueeze", [i64(1, 2), i64(0, -1)], {}),
    ("transpose", "Transpose", [np.arange(24, dtype=np.int64).reshape(2, 3, 4)],
     {"perm": [2, 0, 1]}),
    ("expand", "Expand", [np.array([[1], [2]], dtype=np.int64), i64(2, 1, 3)],
     {}),
    ("constant_of_shape", "ConstantOfShape", [i64(2, 3)],
     {"value": np.array([7], dtype=np.int32)}),
]


def mlir_type(a):
    shape = "".join(f"{d}x" for d in a.shape)
    return f"tensor<{shape}{MLIR_TYPES[a.dtype]}>"


def mlir_dense(a):
    if a.dtype == np.bool_:
        body = str(a.tolist()).replace("True", "true").replace("False",
                                                                "false")
        return f"dense<{body}> : {mlir_type(a)}"
    data = a.astype(a.dtype.newbyteorder("<")).tobytes().hex().upper()
    return f'dense<"0x{data}"> : {mlir_type(a)}'


def mlir_attr(name, value):
    if name == "to":
        return f"to = {ONNX_TO[value]} : i64"
    if isinstance(value, np.ndarray):
        return f"{name} = {mlir_dense(value)}"
    if isinstance(value, list):
        return f"{name} = array<i64: {', '.join(map(str, value))}>"
    return f"{name} = {value} : i64"


def onnx_attr(name, value):
    if name == "to":
        return helper.np_dtype_to_tensor_dtype(np.dtype(value))
    if isinstance(value, np.ndarray):
        return numpy_helper.from_array(value)
    return value


def run_onnxruntime(op, inputs, attrs):
    names = [f"i{k}" for k in range(len(inputs))]
    node = helper.make_node(op, names, ["y"],
                            **{k: onnx_attr(k, v) for k, v in attrs.items()})
    inits = [numpy_helper.from_array(a, n) for n, a in zip(names, inputs)]
    y = helper.make_empty_tensor_value_info("y")
    graph = helper.make_graph([node], "g", [], [y], inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    sess = ort.InferenceSession(model.SerializeToString(),
                                providers=["CPUExecutionProvider"])
    return sess.run(None, {})[0]


def parse_constant(text, want):
    m = re.search(r"onnx\.Constant\(\) \{value = dense<(.*)> : tensor<[^>]*>\}",
                  text)
    assert m, text
    body = m.group(1).replace("true", "True").replace("false", "False")
    if want.dtype.kind == "f":
        # Floats whose decimal form would not round-trip print as bits.
        bits = np.dtype(f"<u{want.dtype.itemsize}")
        body = re.sub(r"0x[0-9A-Fa-f]+", lambda h: repr(float(
            np.array(int(h.group(0), 16), dtype=bits).view(want.dtype))), body)
    value = np.array(ast.literal_eval(body), dtype=want.dtype)
    return np.broadcast_to(value, want.shape)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fold_matches_onnxruntime(case, tmp_path):
    name, op, inputs, attrs = case
    want = run_onnxruntime(op, inputs, attrs)
    consts = "\n".join(
        f"  %i{k} = onnx.Constant() {{value = {mlir_dense(a)}}} : () -> "
        f"{mlir_type(a)}" for k, a in enumerate(inputs))
    # Absent trailing optional inputs are `none` operands.
    absent = ARITY.get(op, len(inputs)) - len(inputs)
    args = ", ".join([f"%i{k}" for k in range(len(inputs))] +
                     ["%none"] * absent)
    types = ", ".join([mlir_type(a) for a in inputs] + ["none"] * absent)
    attr_text = ", ".join(mlir_attr(k, v) for k, v in attrs.items())
    attr_text = f" {{{attr_text}}}" if attr_text else ""
    text = f"""module attributes {{onnx.opset = {OPSET} : i64}} {{
func.func @f() -> {mlir_type(want)} {{
  %none = onnx.NoValue
{consts}
  %y = onnx.{op}({args}){attr_text} : ({types}) -> {mlir_type(want)}
  return %y : {mlir_type(want)}
}}
}}
"""
    src = tmp_path / "in.mlir"
    src.write_text(text)
    res = run("oar-opt", str(src), "-onnx-fold-constants",
              "-mlir-print-elementsattrs-with-hex-if-larger=-1")
    assert res.rc == 0, res.err
    assert f"onnx.{op}" not in res.out, res.out
    got = parse_constant(res.out, want)
    np.testing.assert_array_equal(got, want)
