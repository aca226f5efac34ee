"""Programs for test_pir_import.py that only Paddle 3's PIR form has: a
`paddle.autograd.PyLayer` through paddle.jit.to_static, which Paddle 3
writes as `pd_op.pylayer` (its forward function as a region). Paddle 2.6's
legacy to_static cannot save these, so they are not cf_programs.py cases;
they use its Case and are saved and run by pir_cf_save.py like them.
"""
import numpy as np
import paddle
from paddle.autograd import PyLayer

import cf_programs
from cf_programs import rand

CASES = {}


def case(feeds):
    def reg(fn):
        assert fn.__name__ not in CASES and \
            fn.__name__ not in cf_programs.CASES, fn.__name__
        CASES[fn.__name__] = cf_programs.Case(fn.__name__, fn, feeds,
                                              "to_static")
        return fn
    return reg


class _ScaledTanh(PyLayer):
    """Two results, a tensor and a Python float argument; the backward is
    never saved for inference."""

    @staticmethod
    def forward(ctx, x, s):
        y = paddle.tanh(x) * s
        ctx.save_for_backward(y)
        return y, x + 1.0

    @staticmethod
    def backward(ctx, dy, dz):
        (y,) = ctx.saved_tensor()
        return dy * (1.0 - y * y), dz


class _Pylayer(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(3, 4)

    def forward(self, x):
        a, b = _ScaledTanh.apply(self.fc(x), 2.0)
        return a * b, b


@case([{"x": rand(2, 3)}, {"x": rand(5, 3)}])
def pylayer():
    """A PyLayer between two layers."""
    return _Pylayer(), [paddle.static.InputSpec([-1, 3], "float32", "x")]


class _PylayerInLoop(paddle.nn.Layer):
    def forward(self, x, n):
        i = paddle.zeros([1], "int64")
        while i < n:
            x, _ = _ScaledTanh.apply(x, 1.5)
            i += 1
        return x


@case([{"x": rand(3), "n": np.array([3], np.int64)},
       {"x": rand(3), "n": np.array([0], np.int64)}])
def pylayer_in_while():
    """A PyLayer in a to_static `while` body (pd_op.pylayer in a
    pd_op.while region)."""
    return _PylayerInLoop(), [
        paddle.static.InputSpec([3], "float32", "x"),
        paddle.static.InputSpec([1], "int64", "n")]
