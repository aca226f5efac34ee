"""Paddle programs with control flow, for the import and conversion tests.

Each case is a function registered in CASES that builds a static (legacy
ProgramDesc) program under a fresh program guard, the way users write it:
`paddle.static.nn.cond`, `paddle.static.nn.while_loop`, tensor arrays, and
Python `if`/`while` through `paddle.jit.to_static`. `build(name, outdir)`
saves the case and returns a `Built`: the `.pdmodel` path, the `.pdiparams`
path (or None), and a list of feed dicts (numpy arrays by feed name). If
cases have one feed dict per branch, so that running all of them takes
every branch.

`run_paddle(built, feeds)` runs the saved program with Paddle's executor:
the oracle for the numeric tests.

Programs are built with Paddle 2.6 in legacy (non-PIR) mode.
"""
import dataclasses
import os
import warnings

os.environ.setdefault("FLAGS_enable_pir_api", "0")
os.environ.setdefault("GLOG_minloglevel", "2")

import numpy as np  # noqa: E402
import paddle  # noqa: E402

paddle.enable_static()


@dataclasses.dataclass
class Built:
    name: str
    model: str
    params: object  # path of the .pdiparams file, or None
    feeds: list  # [{feed name: np.ndarray}], one dict per branch/run


@dataclasses.dataclass
class Case:
    name: str
    build: object
    feeds: list
    # "static": build() runs under program_guard and returns (feeds,
    # fetches); "to_static": build() returns (layer, input_spec).
    kind: str = "static"
    if_only: bool = False  # only pd.if (the acceptance tests add opset 11)


CASES = {}


def case(feeds, kind="static", if_only=False, name=None):
    def reg(fn):
        n = name or fn.__name__
        assert n not in CASES, n
        CASES[n] = Case(n, fn, feeds, kind, if_only)
        return fn
    return reg


def data(name, shape, dtype="float32"):
    return paddle.static.data(name, shape, dtype)


def f32(*values):
    return np.array(values, dtype=np.float32)


RNG = np.random.default_rng(7)


def rand(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


cond = paddle.static.nn.cond
while_loop = paddle.static.nn.while_loop


# ------------------------------------------------------------------- if
@case([{"x": f32(1.0)}, {"x": f32(3.0)}], if_only=True)
def if_const_returns():
    """`if x == 1: return 1 else: return 2`, the constants created in each
    branch."""
    x = data("x", [1])
    out = cond(paddle.equal(x, paddle.full([1], 1.0)),
               lambda: paddle.full([1], 1.0), lambda: paddle.full([1], 2.0))
    return [x], [out]


@case([{"x": f32(1.0)}, {"x": f32(0.0)}], if_only=True)
def if_parent_consts():
    """Branch results that are constants created in the parent block."""
    x = data("x", [1])
    one = paddle.full([1], 1, "int64")
    two = paddle.full([1], 2, "int64")
    out = cond(x > 0.5, lambda: one, lambda: two)
    return [x], [out]


@case([{"x": f32(1.0, 2.0, 3.0)}, {"x": f32(-1.0, -2.0, 0.5)}],
      if_only=True)
def if_tensor_vs_const():
    """One branch returns a tensor computed from the input, the other a
    constant."""
    x = data("x", [3])
    out = cond(paddle.sum(x) > 0, lambda: x * 2.0 + 1.0,
               lambda: paddle.full([3], -1.0))
    return [x], [out]


@case([{"x": f32(1.0, 2.0)}, {"x": f32(-1.0, -2.0)}], if_only=True)
def if_two_consts_per_branch():
    """Two constants (of two dtypes) per branch: one pd.if, two results."""
    x = data("x", [2])
    a, b = cond(paddle.mean(x) > 0,
                lambda: (paddle.full([1], 10.0), paddle.full([2], 1, "int32")),
                lambda: (paddle.full([1], 20.0), paddle.full([2], 2, "int32")))
    return [x], [a, b]


@case([{"x": np.abs(rand(2, 3)) + 0.1}, {"x": -np.abs(rand(2, 3)) - 0.1}],
      if_only=True)
def if_cond_api():
    """paddle.static.nn.cond with real computation and three outputs."""
    x = data("x", [2, 3])

    def true_fn():
        return paddle.nn.functional.relu(x), paddle.sum(x, axis=1), x + 1.0

    def false_fn():
        return paddle.exp(x), paddle.max(x, axis=1), x * x

    a, b, c = cond(paddle.max(x) > 0, true_fn, false_fn)
    return [x], [a, b, c]


@case([{"x": f32(1, 2, 3, 4)}, {"x": f32(0.1, 2, 3, 4)},
       {"x": f32(-1, -2, -3, -4)}], if_only=True)
def if_nested():
    """A cond inside a branch of a cond."""
    x = data("x", [4])

    def outer_true():
        return cond(paddle.min(x) > 0.5, lambda: x * 3.0, lambda: x + 3.0)

    out = cond(paddle.sum(x) > 0, outer_true, lambda: x - 1.0)
    return [x], [out]


@case([{"i": np.array([k], np.int32), "x": f32(1.0, -2.0)}
       for k in (0, 1, 2, 7)], if_only=True)
def if_switch_case():
    """paddle.static.nn.switch_case: three branches and a default (nested
    conds)."""
    i = data("i", [1], "int32")
    x = data("x", [2])
    out = paddle.static.nn.switch_case(
        i, {0: lambda: x + 1.0, 1: lambda: x * 2.0, 2: lambda: x - 3.0},
        default=lambda: x * 0.0)
    return [i, x], [out]


@case([{"x": f32(1.0, 2.0)}, {"x": f32(0.25, 0.5)}, {"x": f32(-1.0, 0.5)}],
      if_only=True)
def if_case():
    """paddle.static.nn.case: two predicates and a default."""
    x = data("x", [2])
    s = paddle.sum(x)
    out = paddle.static.nn.case([(s > 1.0, lambda: x + 1.0),
                                 (s > 0.0, lambda: x * 2.0)],
                                default=lambda: x - 3.0)
    return [x], [out]


# ---------------------------------------------------------------- while
@case([{"n": np.array([7], np.int64)}])
def while_counter():
    """while_loop: a counter and an accumulator."""
    n = data("n", [1], "int64")
    i = paddle.full([1], 0, "int64")
    s = paddle.full([1], 0.0)

    def body(i, s):
        return i + 1, s + paddle.cast(i, "float32") * 0.5

    i, s = while_loop(lambda i, s: i < n, body, [i, s])
    return [n], [i, s]


@case([{"n": np.array([5000], np.int64), "x": f32(1.0, -1.0)}])
def while_5000():
    """5000 iterations: no iteration limit."""
    n = data("n", [1], "int64")
    x = data("x", [2])
    i = paddle.full([1], 0, "int64")

    def body(i, y):
        return i + 1, y * 0.999 + 0.001

    i, y = while_loop(lambda i, y: i < n, body, [i, x])
    return [n, x], [i, y]


@case([{"x": f32(1.0, 2.0), "n": np.array([4], np.int64)}])
def while_concat_grow():
    """A loop-carried tensor that grows by concat each step (declared [-1]:
    while_loop rewrites the VarDesc of `x` to the shape after one step)."""
    x = data("x", [-1])
    n = data("n", [1], "int64")
    i = paddle.full([1], 0, "int64")

    def body(i, acc):
        return i + 1, paddle.concat([acc, acc[-2:] * 0.5])

    i, acc = while_loop(lambda i, acc: i < n, body, [i, x])
    return [x, n], [acc]


@case([{"x": rand(3), "n": np.array([4], np.int64)}])
def while_array_stack():
    """A loop that writes a tensor array; the array is stacked after it."""
    x = data("x", [3])
    n = data("n", [1], "int64")
    i = paddle.full([1], 0, "int64")
    arr = paddle.tensor.create_array("float32")

    def body(i, y, arr):
        y = y * 2.0
        paddle.tensor.array_write(y, i, array=arr)
        return i + 1, y, arr

    i, y, arr = while_loop(lambda i, y, a: i < n, body, [i, x, arr])
    from paddle.tensor.manipulation import tensor_array_to_tensor
    out, _ = tensor_array_to_tensor(arr, axis=0,
                                    use_stack=True)
    length = paddle.tensor.array_length(arr)
    return [x, n], [out, length]


@case([{"x": rand(3), "n": np.array([6], np.int64)}])
def while_if():
    """An if inside a while: odd steps add, even steps subtract."""
    x = data("x", [3])
    n = data("n", [1], "int64")
    i = paddle.full([1], 0, "int64")

    def body(i, y):
        odd = paddle.equal(i % 2, paddle.full([1], 1, "int64"))
        y = cond(odd, lambda: y + 1.0, lambda: y - 0.5)
        return i + 1, y

    i, y = while_loop(lambda i, y: i < n, body, [i, x])
    return [x, n], [y]


@case([{"n": np.array([3], np.int64), "m": np.array([4], np.int64)}])
def while_while():
    """A while inside a while."""
    n = data("n", [1], "int64")
    m = data("m", [1], "int64")
    i = paddle.full([1], 0, "int64")
    s = paddle.full([1], 0.0)

    def outer(i, s):
        j = paddle.full([1], 0, "int64")

        def inner(j, s):
            return j + 1, s + paddle.cast(i * 10 + j, "float32")

        j, s = while_loop(lambda j, s: j < m, inner, [j, s])
        return i + 1, s

    i, s = while_loop(lambda i, s: i < n, outer, [i, s])
    return [n, m], [i, s]


# ------------------------------------------------------------ to_static
class _ToStaticIf(paddle.nn.Layer):
    def forward(self, x):
        if paddle.sum(x) > 0:
            y = x * 2.0
        else:
            y = x - 3.0
        return y


@case([{"x": rand(2, 2) + 3.0}, {"x": rand(2, 2) - 3.0}], kind="to_static",
      if_only=True)
def to_static_if():
    """Python `if` through paddle.jit.to_static."""
    return _ToStaticIf(), [paddle.static.InputSpec([2, 2], "float32", "x")]


class _ToStaticWhile(paddle.nn.Layer):
    def forward(self, x, n):
        i = paddle.zeros([1], "int64")
        while i < n:
            x = x * 0.5 + 1.0
            i += 1
        return x


@case([{"x": rand(3), "n": np.array([5], np.int64)}], kind="to_static")
def to_static_while():
    """Python `while` through paddle.jit.to_static."""
    return _ToStaticWhile(), [
        paddle.static.InputSpec([3], "float32", "x"),
        paddle.static.InputSpec([1], "int64", "n")]


class _ToStaticUndefinedVar(paddle.nn.Layer):
    def forward(self, x, n):
        i = paddle.zeros([1], "int64")
        while i < n:
            # First assigned in the loop: to_static gives t and y float32
            # [1] placeholders (undefined_var) before it.
            t = i * 2
            y = x * paddle.cast(t, "float32")
            i += 1
        return y + 1.0, t


@case([{"x": rand(2, 3), "n": np.array([3], np.int64)},
       {"x": rand(4, 3), "n": np.array([1], np.int64)}], kind="to_static")
def to_static_undefined_var():
    """Variables first assigned inside a to_static `while`, read after it."""
    return _ToStaticUndefinedVar(), [
        paddle.static.InputSpec([-1, 3], "float32", "x"),
        paddle.static.InputSpec([1], "int64", "n")]


class _ToStaticWhileAll(paddle.nn.Layer):
    def forward(self, x, n):
        i = paddle.zeros([1], "int64")
        done = x > 2.0
        while i < n and not paddle.all(done):
            x = x + paddle.cast(paddle.logical_not(done), "float32")
            done = x > 2.0
            i += 1
        return x, i


@case([{"x": f32(0.5, 1.5, -1.0), "n": np.array([10], np.int64)},
       {"x": f32(0.5, 1.5, -1.0), "n": np.array([2], np.int64)},
       {"x": f32(3.0, 4.0, 5.0), "n": np.array([10], np.int64)}],
      kind="to_static")
def to_static_while_all():
    """`while i < n and not paddle.all(done)` (reduce_all) via to_static."""
    return _ToStaticWhileAll(), [
        paddle.static.InputSpec([3], "float32", "x"),
        paddle.static.InputSpec([1], "int64", "n")]


class _Recognizer(paddle.nn.Layer):
    """A tiny formula-recognizer-style encoder-decoder: a conv encoder turns
    the image into a sequence of feature columns; a GRU-cell decoder with
    dot-product attention emits tokens greedily (argmax) until EOS or
    `max_len`. The tokens are collected in a Python list, which to_static
    turns into a tensor array."""

    def __init__(self, vocab=12, hidden=16, max_len=10, bos=1, eos=2):
        super().__init__()
        nn = paddle.nn
        self.conv1 = nn.Conv2D(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2D(8, hidden, 3, stride=(2, 1), padding=1)
        self.embed = nn.Embedding(vocab, hidden)
        self.cell = nn.GRUCell(2 * hidden, hidden)
        self.out = nn.Linear(2 * hidden, vocab)
        self.max_len, self.bos, self.eos = max_len, bos, eos

    def forward(self, img):
        f = paddle.nn.functional.relu(self.conv1(img))
        f = paddle.nn.functional.relu(self.conv2(f))   # [1, H, h, W]
        f = paddle.mean(f, axis=2)                      # [1, H, W]
        feats = paddle.transpose(f, [0, 2, 1])          # [1, W, H]
        h = paddle.mean(feats, axis=1)                  # [1, H]
        tok = paddle.full([1], self.bos, "int64")
        i = paddle.zeros([1], "int64")
        tokens = []
        while paddle.logical_and(i < self.max_len, tok != self.eos):
            scores = paddle.matmul(feats, paddle.unsqueeze(h, -1))  # [1,W,1]
            attn = paddle.nn.functional.softmax(scores, axis=1)
            ctx = paddle.sum(feats * attn, axis=1)                   # [1, H]
            x = paddle.concat([self.embed(tok), ctx], axis=-1)
            _, h = self.cell(x, h)
            logits = self.out(paddle.concat([h, ctx], axis=-1))
            tok = paddle.argmax(logits, axis=-1)
            tokens.append(tok)
            i += 1
        return paddle.concat(tokens)


@case([{"img": rand(1, 1, 8, 24)}, {"img": rand(1, 1, 8, 24) * 3.0}],
      kind="to_static")
def recognizer():
    """Encoder-decoder recognizer with greedy decoding, random weights."""
    return _Recognizer(), [paddle.static.InputSpec([1, 1, 8, 24], "float32",
                                                   "img")]


class _ToStaticBreak(paddle.nn.Layer):
    def forward(self, x, n):
        s = paddle.zeros([1])
        for i in range(n):
            if paddle.sum(x) * i > 10.0:
                break
            s = s + paddle.sum(x) * i
            x = x * 1.5
        return s, x


@case([{"x": f32(1.0, 2.0, 0.5), "n": np.array([8], np.int64)},
       {"x": f32(0.1, 0.1, 0.1), "n": np.array([4], np.int64)}],
      kind="to_static")
def to_static_break():
    """A Python `for` with a `break` through paddle.jit.to_static: a lone
    conditional_block merged by select_input with a constant of the loop
    body. The first input set breaks, the second runs to the end."""
    return _ToStaticBreak(), [
        paddle.static.InputSpec([3], "float32", "x"),
        paddle.static.InputSpec([1], "int64", "n")]


# ------------------------------------------------------------------ saving
def _save_static(c, prefix):
    main, startup = paddle.static.Program(), paddle.static.Program()
    main.random_seed = startup.random_seed = 1234
    with paddle.static.program_guard(main, startup), \
            paddle.utils.unique_name.guard():
        feeds, fetches = c.build()
    scope = paddle.static.Scope()
    exe = paddle.static.Executor(paddle.CPUPlace())
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exe.run(startup)
        paddle.static.save_inference_model(prefix, feeds, fetches, exe,
                                           program=main)


def _save_to_static(c, prefix):
    paddle.disable_static()
    try:
        paddle.seed(1234)
        layer, spec = c.build()
        layer.eval()
        static = paddle.jit.to_static(layer, input_spec=spec, full_graph=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            paddle.jit.save(static, prefix)
    finally:
        paddle.enable_static()


def build(name, outdir):
    """Builds and saves case `name` as `outdir/name.pdmodel`."""
    c = CASES[name]
    os.makedirs(outdir, exist_ok=True)
    prefix = os.path.join(outdir, name)
    if c.kind == "to_static":
        _save_to_static(c, prefix)
    else:
        _save_static(c, prefix)
    params = prefix + ".pdiparams"
    return Built(name, prefix + ".pdmodel",
                 params if os.path.exists(params) else None, c.feeds)


def run_paddle(built, feeds):
    """Runs the saved program on `feeds` with Paddle; returns the fetches in
    order, as numpy arrays."""
    prefix = built.model[:-len(".pdmodel")]
    scope = paddle.static.Scope()
    exe = paddle.static.Executor(paddle.CPUPlace())
    with paddle.static.scope_guard(scope):
        prog, feed_names, fetches = paddle.static.load_inference_model(
            prefix, exe)
        outs = exe.run(prog, feed={n: feeds[n] for n in feed_names},
                       fetch_list=fetches)
    return [np.asarray(o) for o in outs]


class Cache:
    """Builds each case at most once per test session."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.built = {}

    def get(self, name):
        if name not in self.built:
            self.built[name] = build(name, self.outdir)
        return self.built[name]


if __name__ == "__main__":
    import argparse
    import collections
    import sys
    from paddle.base.proto import framework_pb2
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    for n in a.names or list(CASES):
        b = build(n, a.outdir)
        with open(b.model, "rb") as f:
            prog = framework_pb2.ProgramDesc.FromString(f.read())
        ops = collections.Counter(op.type for blk in prog.blocks
                                  for op in blk.ops)
        outs = [run_paddle(b, fd) for fd in b.feeds]
        print(f"{n:24s} blocks={len(prog.blocks)} {dict(sorted(ops.items()))}"
              f"\n    {[[o.tolist() for o in r] for r in outs]}",
              file=sys.stdout)
