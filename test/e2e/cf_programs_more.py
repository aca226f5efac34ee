"""Control-flow programs for test_control_flow.py: Paddle programs with
`paddle.static.nn.cond`, `paddle.static.nn.while_loop`, tensor arrays, and
Python `if`/`while` through `paddle.jit.to_static`, each with the input sets
it runs on.

A case's `build()` runs inside a program guard (static cases) and returns
(feeds, fetches); a to_static case's `layer()` returns a paddle.nn.Layer (or
function) and its InputSpecs, saved with paddle.jit.save. `inputs` are the
input sets (feed name -> array); for If cases they are chosen so that every
branch is taken, and the test checks that on Paddle's own outputs (an If
case fetches its predicate last).
"""
import dataclasses
import os
import warnings

import numpy as np
import paddle

SEED = 20241124


@dataclasses.dataclass(frozen=True)
class CfCase:
    name: str
    inputs: list  # [{feed name: np.ndarray}]
    build: object = None  # static: () -> (feeds, fetches)
    layer: object = None  # to_static: () -> (callable, [InputSpec])
    if_only: bool = False  # runs at opset 11 too
    pred_fetched: bool = False  # last fetch is the If predicate
    exact: bool = False  # compare floats exactly (token ids, ...)

    @property
    def opsets(self):
        return (11, 13, 17, 21) if self.if_only else (13, 17, 21)


def _rng(k):
    return np.random.default_rng(SEED + k)


def _signed(shape, k):
    """A positive and a negative input of `shape` (mean > 0 and < 0)."""
    a = (np.abs(_rng(k).standard_normal(shape)) + 0.1).astype("float32")
    return [a, -a]


def _pred(x):
    return paddle.mean(x) > 0


def _fill(shape, value, dtype="float32"):
    return paddle.full(shape, value, dtype)


#===------------------------------------------------------------------===#
# If
#===------------------------------------------------------------------===#

def _cond_const_both():
    x = paddle.static.data("x", [2, 3], "float32")
    p = _pred(x)
    out = paddle.static.nn.cond(p, lambda: _fill([2], 1.5),
                                lambda: _fill([2], -2.0))
    return [x], [out, p]


def _cond_tensor_vs_const():
    x = paddle.static.data("x", [2, 3], "float32")
    p = _pred(x)
    out = paddle.static.nn.cond(p, lambda: paddle.tanh(x) * 2.0,
                                lambda: _fill([2, 3], -1.0))
    return [x], [out, p]


def _cond_two_consts():
    x = paddle.static.data("x", [2, 3], "float32")
    p = _pred(x)
    a, b = paddle.static.nn.cond(
        p, lambda: (_fill([1], 1.0), _fill([2], 3, "int64")),
        lambda: (_fill([1], 2.0), _fill([2], 4, "int64")))
    return [x], [a, b, p]


def _cond_three_outputs():
    x = paddle.static.data("x", [2, 3], "float32")
    y = paddle.static.data("y", [2, 3], "float32")
    p = _pred(x)
    a, b, c = paddle.static.nn.cond(
        p, lambda: (x + y, paddle.sum(x), x * 3.0),
        lambda: (x - y, paddle.max(y), _fill([2, 3], 7.0)))
    return [x, y], [a, b, c, p]


#===------------------------------------------------------------------===#
# While
#===------------------------------------------------------------------===#

def _counter(v=0):
    return paddle.full([1], v, "int64")


def _while_long():
    """Sums x n times; n is fed (5000 in one set): no iteration limit."""
    x = paddle.static.data("x", [1], "float32")
    n = paddle.static.data("n", [1], "int64")
    s = x * 0.0
    _, s = paddle.static.nn.while_loop(
        lambda i, s: i < n, lambda i, s: [i + 1, s + x], [_counter(), s])
    return [x, n], [s]


def _while_concat_grow():
    """The carried tensor grows by a row each step; its shape is used
    after the loop."""
    x = paddle.static.data("x", [2, 3], "float32")
    n = paddle.static.data("n", [1], "int64")
    t = x * 1.0
    _, t = paddle.static.nn.while_loop(
        lambda i, t: i < n,
        lambda i, t: [i + 1, paddle.concat([t, t[-1:] + 1.0], axis=0)],
        [_counter(), t])
    # Its shape after the loop: Paddle's program says [3, 3] (one step).
    return [x, n], [t, paddle.shape(t)]


def _while_array_stack():
    """Writes x * i at i, then stacks the array (and reads it back)."""
    x = paddle.static.data("x", [2, 3], "float32")
    n = paddle.static.data("n", [1], "int64")
    arr = paddle.tensor.create_array("float32")

    def body(i, arr):
        paddle.tensor.array_write(x * paddle.cast(i, "float32"), i, array=arr)
        return [i + 1, arr]

    _, arr = paddle.static.nn.while_loop(lambda i, arr: i < n, body,
                                         [_counter(), arr])
    stacked, _ = paddle.tensor.manipulation.tensor_array_to_tensor(
        arr, axis=0, use_stack=True)
    length = paddle.tensor.array_length(arr)
    first = paddle.tensor.array_read(arr, _counter(0))
    return [x, n], [stacked, length, first]


def _while_array_concat():
    """Writes a tensor that grows each step, then concatenates the array
    (tensors of different sizes). OutIndex is not fetched: Paddle 2.6's
    executor leaves it without data ("Tensor holds no memory"), so there is
    no oracle for it."""
    x = paddle.static.data("x", [2, 3], "float32")
    n = paddle.static.data("n", [1], "int64")
    arr = paddle.tensor.create_array("float32")

    def body(i, t, arr):
        paddle.tensor.array_write(t + 0.0, i, array=arr)
        return [i + 1, paddle.concat([t, t[-1:] * 0.5], axis=0), arr]

    _, t, arr = paddle.static.nn.while_loop(
        lambda i, t, arr: i < n, body, [_counter(), x * 1.0, arr])
    out, _ = paddle.tensor.manipulation.tensor_array_to_tensor(
        arr, axis=0, use_stack=False)
    return [x, n], [out, t]


def _if_in_while():
    x = paddle.static.data("x", [2, 3], "float32")
    n = paddle.static.data("n", [1], "int64")

    def body(i, s):
        even = paddle.equal(i % 2, _counter(0))
        s = paddle.static.nn.cond(even, lambda: s + x, lambda: s * 0.5)
        return [i + 1, s]

    _, s = paddle.static.nn.while_loop(lambda i, s: i < n, body,
                                       [_counter(), x * 1.0])
    return [x, n], [s]


def _while_in_while():
    x = paddle.static.data("x", [2, 3], "float32")
    n = paddle.static.data("n", [1], "int64")

    def outer(i, s):
        def inner(j, s):
            return [j + 1, s + x * paddle.cast(j, "float32")]
        _, s = paddle.static.nn.while_loop(lambda j, s: j <= i, inner,
                                           [_counter(), s])
        return [i + 1, s]

    _, s = paddle.static.nn.while_loop(lambda i, s: i < n, outer,
                                       [_counter(), x * 0.0])
    return [x, n], [s]


#===------------------------------------------------------------------===#
# paddle.jit.to_static: Python if / while on tensors
#===------------------------------------------------------------------===#

def _tostatic_if():
    def f(x):
        if paddle.mean(x) > 0:
            y = x * 2.0 + 1.0
        else:
            y = paddle.abs(x) - 3.0
        return y, paddle.mean(x) > 0
    return f, [paddle.static.InputSpec([2, 3], "float32", "x")]


def _tostatic_while():
    def f(x, n):
        i = paddle.zeros([1], "int64")
        s = paddle.zeros_like(x)
        while i < n:
            s = s + x * paddle.cast(i, "float32")
            i += 1
        return s
    return f, [paddle.static.InputSpec([2, 3], "float32", "x"),
               paddle.static.InputSpec([1], "int64", "n")]


class _Recognizer(paddle.nn.Layer):
    """A formula-recognizer in miniature: a ViT-like encoder (patch
    embedding, positions, Transformer encoder) and a Transformer decoder
    that decodes greedily in a `while`, stopping when every sequence has
    produced the end token or at the maximum length."""

    BOS, EOS, MAX_LEN, VOCAB = 1, 2, 12, 10

    def __init__(self, d=32, heads=4, patch=4, hw=(16, 32)):
        super().__init__()
        nn = paddle.nn
        n_patches = (hw[0] // patch) * (hw[1] // patch)
        self.patch = nn.Conv2D(1, d, patch, stride=patch)
        self.pos = self.create_parameter(
            [1, n_patches, d],
            default_initializer=nn.initializer.Normal(std=0.5))
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d, heads, 2 * d, dropout=0.0), 2)
        self.embed = nn.Embedding(self.VOCAB, d)
        self.dec_pos = self.create_parameter(
            [self.MAX_LEN + 1, d],
            default_initializer=nn.initializer.Normal(std=0.5))
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(d, heads, 2 * d, dropout=0.0), 2)
        self.head = nn.Linear(d, self.VOCAB)

    def _step(self, tokens, done, memory, step):
        """One greedy step: the tokens with the next one appended, and the
        flags of the sequences that have ended."""
        length = paddle.shape(tokens)[1]
        x = self.embed(tokens) + self.dec_pos[:length]
        h = self.decoder(x, memory)
        # A length prior: the end token gains with every step, so that
        # sequences end at different steps.
        eos_prior = paddle.nn.functional.one_hot(
            paddle.full([1], self.EOS, "int64"), self.VOCAB)
        logits = self.head(h[:, -1]) + eos_prior * (
            paddle.cast(step, "float32") * 0.6)
        nxt = paddle.argmax(logits, axis=-1, keepdim=True)
        nxt = paddle.where(done, paddle.full_like(nxt, self.EOS), nxt)
        return (paddle.concat([tokens, nxt], axis=1),
                paddle.logical_or(done, nxt == self.EOS))

    def forward(self, image):
        feat = self.patch(image).flatten(2).transpose([0, 2, 1]) + self.pos
        memory = self.encoder(feat)
        batch = paddle.shape(image)[0]
        tokens = paddle.full([batch, 1], self.BOS, "int64")
        done = paddle.zeros([batch, 1], "bool")
        step = paddle.zeros([1], "int64")
        # "Not all done" as a min over the flags (reduce_min, which ONNX
        # has, rather than reduce_all). The step is a method so that the
        # loop assigns only variables defined before it (to_static would
        # otherwise add placeholder `undefined_var`s for the others).
        while step < self.MAX_LEN and \
                paddle.min(paddle.cast(done, "int32")) == 0:
            tokens, done = self._step(tokens, done, memory, step)
            step += 1
        return tokens


def _recognizer():
    paddle.seed(7)
    model = _Recognizer()
    model.eval()
    return model, [paddle.static.InputSpec([None, 1, 16, 32], "float32",
                                           "image")]


def _images(k, n):
    return _rng(k).standard_normal((n, 1, 16, 32)).astype("float32")


def _n(v):
    return np.array([v], dtype="int64")


def _x(k, shape=(2, 3)):
    return _rng(k).standard_normal(shape).astype("float32")


CASES = [
    CfCase("cond_const_both", [{"x": a} for a in _signed([2, 3], 1)],
           build=_cond_const_both, if_only=True, pred_fetched=True),
    CfCase("cond_tensor_vs_const", [{"x": a} for a in _signed([2, 3], 2)],
           build=_cond_tensor_vs_const, if_only=True, pred_fetched=True),
    CfCase("cond_two_consts", [{"x": a} for a in _signed([2, 3], 3)],
           build=_cond_two_consts, if_only=True, pred_fetched=True),
    CfCase("cond_three_outputs",
           [{"x": a, "y": _x(40)} for a in _signed([2, 3], 4)],
           build=_cond_three_outputs, if_only=True, pred_fetched=True),
    CfCase("while_sum_5000", [{"x": np.array([0.25], "float32"), "n": _n(5000)},
                          {"x": np.array([-1.5], "float32"), "n": _n(3)},
                          {"x": np.array([2.0], "float32"), "n": _n(0)}],
           build=_while_long),
    CfCase("while_concat_rows", [{"x": _x(5), "n": _n(4)},
                                 {"x": _x(6), "n": _n(0)}],
           build=_while_concat_grow),
    CfCase("while_array_read", [{"x": _x(7), "n": _n(5)},
                                 {"x": _x(8), "n": _n(1)}],
           build=_while_array_stack),
    CfCase("while_array_concat", [{"x": _x(17), "n": _n(4)},
                                  {"x": _x(18), "n": _n(1)}],
           build=_while_array_concat),
    CfCase("if_in_while", [{"x": _x(9), "n": _n(5)}], build=_if_in_while),
    CfCase("while_in_while", [{"x": _x(10), "n": _n(4)},
                              {"x": _x(11), "n": _n(0)}],
           build=_while_in_while),
    CfCase("tostatic_if", [{"x": a} for a in _signed([2, 3], 12)],
           layer=_tostatic_if, if_only=True, pred_fetched=True),
    CfCase("tostatic_while", [{"x": _x(13), "n": _n(6)},
                              {"x": _x(14), "n": _n(0)}],
           layer=_tostatic_while),
    CfCase("recognizer_greedy", [{"image": _images(15, 4)},
                                 {"image": _images(16, 1)}],
           layer=_recognizer, exact=True),
]
BY_NAME = {c.name: c for c in CASES}


def save(case, outdir):
    """Saves `case` as outdir/<name>.pdmodel (+ .pdiparams when it has
    parameters); returns (model, params or None)."""
    os.makedirs(outdir, exist_ok=True)
    prefix = os.path.join(outdir, case.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if case.layer is not None:
            paddle.disable_static()
            try:
                fn, specs = case.layer()
                static_fn = paddle.jit.to_static(fn, input_spec=specs,
                                                 full_graph=True)
                paddle.jit.save(static_fn, prefix, input_spec=specs)
            finally:
                paddle.enable_static()
        else:
            paddle.enable_static()
            main, startup = paddle.static.Program(), paddle.static.Program()
            main.random_seed = startup.random_seed = 1234
            with paddle.static.program_guard(main, startup), \
                    paddle.utils.unique_name.guard():
                feeds, fetches = case.build()
            scope = paddle.static.Scope()
            exe = paddle.static.Executor(paddle.CPUPlace())
            with paddle.static.scope_guard(scope):
                exe.run(startup)
                paddle.static.save_inference_model(prefix, feeds, fetches,
                                                   exe, program=main)
    params = prefix + ".pdiparams"
    return prefix + ".pdmodel", params if os.path.exists(params) else None


def paddle_run(model, params, input_sets):
    """Paddle (the oracle) on the saved program: per input set, the
    fetches in order. Each set runs in a fresh scope: a tensor array lives
    in the scope and would keep the previous run's tensors."""
    paddle.enable_static()
    results = []
    for feeds in input_sets:
        exe = paddle.static.Executor(paddle.CPUPlace())
        scope = paddle.static.Scope()
        with paddle.static.scope_guard(scope), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kw = {"model_filename": os.path.basename(model)}
            if params:
                kw["params_filename"] = os.path.basename(params)
            prog, feed_names, fetches = paddle.static.load_inference_model(
                os.path.dirname(model), exe, **kw)
            outs = exe.run(prog, feed={k: feeds[k] for k in feed_names},
                           fetch_list=fetches, return_numpy=True)
            results.append([np.asarray(o) for o in outs])
    return results
