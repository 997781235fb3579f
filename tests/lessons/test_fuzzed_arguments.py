"""Hypothesis feeds the lessons' functions hostile and clumsy arguments, one at a time, into
an otherwise valid call: wrong types (text, None, bools, ragged or too deep lists), NaN and
infinity, huge numbers and huge sizes, a zero or negative stride, a padding or a dilation
too large or negative, a kernel larger than the input, empty arrays, mismatched channels,
0-d and 5-d arrays.

Each call either returns what PyTorch computes (float64; autograd for the gradients) or
refuses with the lesson's own error: for the one-channel functions and the widgets' bridge,
an InputError (a ValueError) whose `argument` is the one made hostile, or one the lesson
declares it must agree with (a smaller X makes the kernel K too large), and whose message
names it; for the full layers, a ValueError whose message names it. Never an IndexError, a
ZeroDivisionError, numpy's own complaint, a MemoryError or a hang: every call must end
within the deadline and allocate less than MEMORY_LIMIT.
"""

import importlib
import json
import tracemalloc

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.support.oracle import conv_oracle, forward_oracle, pool_oracle
from tests.support.site import DOCS, lesson, load_module

conv, pool = lesson("convolutional.conv"), lesson("pooling.pool")
conv_steps, pool_steps = lesson("convolutional.steps"), lesson("pooling.steps")
conv_layer, pool_layer = lesson("convolutional.layer"), lesson("pooling.layer")
runtime = load_module(DOCS / "assets/runner/page_runtime.py")
importlib.import_module("pandas")  # the step table imports it: here once, not inside a timed call

MEMORY_LIMIT = 64 * 2 ** 20
"""Bytes a call may allocate at its peak: far more than these small arguments need, far
less than an input padded by 10**5 would take."""
DEADLINE_MS = 30_000
"""A hang or a loop over 10**8 positions overruns it; a call that takes milliseconds, slowed
by whatever else this shared machine is doing, does not (Hypothesis calls an example that
overran once and not the second time flaky)."""
FUZZ = settings(max_examples=100, deadline=DEADLINE_MS, suppress_health_check=[HealthCheck.too_slow])
LABELS = {"dL_dY": "dL/dY"}
"""How a message writes an argument whose name is not how the page writes it."""


def bounded(call):
    """call(), checking that it allocated at most MEMORY_LIMIT at its peak."""
    tracemalloc.start()
    try:
        return call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak <= MEMORY_LIMIT, f"the call allocated {peak / 2 ** 20:.0f} MiB at its peak"


def close(actual, expected):
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=1e-9, atol=1e-9 * max(1.0, float(np.max(np.abs(expected), initial=0))))


# ---- Arguments: valid ones, and the hostile values that replace one of them -------------

def matrices(rows=(1, 6), cols=(1, 6)):
    """A matrix (nested lists) of small whole numbers and halves: sums stay exact."""
    return st.integers(*rows).flatmap(lambda r: st.integers(*cols).flatmap(lambda c: st.lists(
        st.lists(st.integers(-8, 8).map(lambda v: v / 2), min_size=c, max_size=c), min_size=r, max_size=r)))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4), st.sampled_from(["2", "1e400", "nan", " 3 "]),
    st.integers(-3, 12), st.sampled_from([0, -1, 10 ** 6, 10 ** 30, 10 ** 400, -10 ** 400, 2 ** 63]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1.5, 2.0, -0.0, 1e200, -1e308]),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))
"""Anything a JSON call, or a clumsy reader, might pass where a number is expected."""


@st.composite
def spoiled(draw, matrix):
    """A matrix with one entry replaced by something that is no finite number, or a huge one."""
    rows = [list(row) for row in matrix]
    i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(rows[0]) - 1))
    rows[i][j] = draw(st.sampled_from([float("nan"), float("inf"), -float("inf"), None, "a", "1", True, [],
                                       10 ** 400, 2 ** 70, 1e200, -1e300, {"v": 1}]))
    return rows


def hostile_matrices(valid):
    """What may arrive where a matrix is expected, `valid` (a matrix) spoiled or reshaped."""
    return st.one_of(
        SCALARS, spoiled(valid),
        st.just([row[:-1] if i % 2 else row for i, row in enumerate(valid)]),  # ragged (when it has 2 rows or more)
        st.just([valid]), st.just([[valid]]), st.just(valid[0]), st.just([[]]), st.just([]), st.just([[], []]),
        st.just([[[1, 2], [3]]]), st.just([[1, [2]]]), st.just(json.dumps(valid)),
        matrices((1, 40), (1, 40)), st.just(np.zeros((2, 3, 4, 5, 6)).tolist()))


COUNTS = st.one_of(SCALARS, st.integers(-3, 12), st.sampled_from([[2], [1, 1], (2,), "two"]))
"""What may arrive where a stride, a padding or a window is expected."""


@st.composite
def one_hostile(draw, valid, hostile):
    """(arguments, name): the valid arguments, one of them, `name`, replaced by a hostile value
    (hostile: {name: strategy given the valid arguments})."""
    name = draw(st.sampled_from(sorted(hostile)))
    return {**valid, name: draw(hostile[name](valid))}, name


def refused_or_agrees(call, arguments, allowed, oracle):
    """call(**arguments) raises an InputError about one of `allowed` that names it, or
    returns what oracle(**arguments) computes."""
    try:
        result = bounded(lambda: call(**arguments))
    except conv.InputError as error:
        assert error.argument in allowed, f"{error.argument!r} blamed, not one of {sorted(allowed)}: {error}"
        assert LABELS.get(error.argument, error.argument) in str(error), f"the message names no argument: {error}"
        return None
    expected = oracle(**arguments)
    for ours, theirs in zip(result if isinstance(result, tuple) else (result,), expected):
        close(ours, theirs)
    return result


def numbers(A):
    return np.asarray(A, dtype=np.float64)


def count(value):
    """A stride, a padding or a window the lesson accepted, as PyTorch takes it: PyTorch
    stores it in 32 bits, and any stride beyond the input places one window, as 2**31 - 1 does."""
    return min(int(float(value)), 2 ** 31 - 1)


# ---- The convolution lesson: conv.py ---------------------------------------------------

@st.composite
def conv_calls(draw):
    X = draw(matrices((1, 7), (1, 7)))
    H, W = len(X), len(X[0])
    K = draw(matrices((1, H), (1, W)))
    kH, kW = len(K), len(K[0])
    valid = {"X": X, "K": K, "b": draw(st.integers(-4, 4)), "stride": draw(st.integers(1, 4)),
             "padding": draw(st.integers(0, 4)),  # X padded still fits a walkthrough
             "dL_dY": draw(matrices((H - kH + 1,) * 2, (W - kW + 1,) * 2))}
    return draw(one_hostile(valid, {
        "X": lambda v: hostile_matrices(v["X"]), "K": lambda v: hostile_matrices(v["K"]),
        "dL_dY": lambda v: hostile_matrices(v["dL_dY"]), "b": lambda v: SCALARS,
        "stride": lambda v: COUNTS, "padding": lambda v: COUNTS}))


CONV_BLAME = {"X": {"X", "K"}, "K": {"K"}, "b": {"b"}, "stride": {"stride"}, "padding": {"padding"}}
"""Who may be named when an argument is hostile: a smaller X makes K too large."""


@FUZZ
@given(conv_calls())
@example(({"X": [[1, 2], [3, 4]], "K": [[1]], "b": 10 ** 400, "stride": 1, "padding": 0, "dL_dY": [[0]]}, "b"))
@example(({"X": [[1, 2], [3, 4]], "K": [[1]], "b": True, "stride": 1, "padding": 0, "dL_dY": [[0]]}, "b"))
@example(({"X": [[1, 2], [3, 4]], "K": [[1]], "b": [[1], [1, 2]], "stride": 1, "padding": 0, "dL_dY": [[0]]}, "b"))
@example(({"X": [[10 ** 400]], "K": [[1]], "b": 0, "stride": 1, "padding": 0, "dL_dY": [[0]]}, "X"))
@example(({"X": [[1e200, 1]], "K": [[1e200]], "b": 0, "stride": 1, "padding": 0, "dL_dY": [[0]]}, "X"))
@example(({"X": [[1, 2], [3, 4]], "K": [[1, 1]], "b": 0, "stride": 1, "padding": 10 ** 5, "dL_dY": [[0]]},
          "padding"))
def test_conv_forward_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    del arguments["dL_dY"]
    refused_or_agrees(conv.conv_forward, arguments, CONV_BLAME.get(hostile, set()), lambda X, K, b, stride, padding: [
        forward_oracle(numbers(X), numbers(K), float(b), count(stride), count(padding))])


@FUZZ
@given(conv_calls().filter(lambda call: call[1] in ("X", "K", "dL_dY")))
@example(({"X": [[1, 2], [3, 4]], "K": [[1]], "b": 0, "stride": 1, "padding": 0,
           "dL_dY": [[10 ** 400, 0], [0, 0]]}, "dL_dY"))
def test_conv_backward_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    arguments = {name: arguments[name] for name in ("dL_dY", "X", "K")}

    def oracle(dL_dY, X, K):
        _, dL_dX, dL_dK, dL_db = conv_oracle(numbers(X), numbers(K), 0.0, numbers(dL_dY))
        return dL_dX, dL_dK, dL_db

    # a different X or K changes the shape dL/dY must have
    refused_or_agrees(conv.conv_backward, arguments, {hostile, "K", "dL_dY"}, oracle)


# ---- The pooling lesson: pool.py -------------------------------------------------------

@st.composite
def pool_calls(draw):
    X = draw(matrices((1, 7), (1, 7)))
    H, W = len(X), len(X[0])
    window, stride = draw(st.integers(1, min(H, W))), draw(st.integers(1, 4))
    valid = {"X": X, "window": window, "stride": stride,
             "dL_dY": draw(matrices(((H - window) // stride + 1,) * 2, ((W - window) // stride + 1,) * 2))}
    return draw(one_hostile(valid, {
        "X": lambda v: hostile_matrices(v["X"]), "dL_dY": lambda v: hostile_matrices(v["dL_dY"]),
        "window": lambda v: COUNTS, "stride": lambda v: COUNTS}))


@pytest.mark.parametrize("kind", ["max", "average"])
@FUZZ
@given(call=pool_calls())
@example(call=({"X": [[1, 2], [3, 4]], "window": 10 ** 400, "stride": 1, "dL_dY": [[0]]}, "window"))
@example(call=({"X": [[1, 2], [3, 4]], "window": 1, "stride": 0, "dL_dY": [[0]]}, "stride"))
def test_pooling_refuses_or_agrees_with_pytorch(kind, call):
    arguments, hostile = call
    forward, backward = {"max": (pool.max_pool_forward, pool.max_pool_backward),
                         "average": (pool.avg_pool_forward, pool.avg_pool_backward)}[kind]

    def oracle(X, window, stride, dL_dY=None):
        if dL_dY is None:
            pooling = {"max": F.max_pool2d, "average": F.avg_pool2d}[kind]
            return [pooling(torch.tensor(numbers(X))[None, None], count(window), count(stride))[0, 0].numpy()]
        return [pool_oracle(kind, numbers(X), count(window), count(stride), numbers(dL_dY))[1]]

    # a different X, window or stride changes the shape dL/dY must have; a smaller X, the window's room
    allowed = {hostile, "window", "dL_dY"} if hostile == "X" else {hostile, "dL_dY"}
    forward_only = {name: value for name, value in arguments.items() if name != "dL_dY"}
    if hostile != "dL_dY":
        refused_or_agrees(forward, forward_only, allowed - {"dL_dY"} or {hostile}, oracle)
    refused_or_agrees(backward, arguments, allowed, oracle)


# ---- The widgets' bridge: what each page's number editor calls --------------------------

def through_the_bridge(module, function, arguments):
    """What the page's Python answers the editor: the call with JSON arguments, a JSON reply."""
    try:
        sent = json.dumps(arguments)
    except (TypeError, ValueError):  # what JSON cannot carry, the page cannot send
        return None
    return json.loads(bounded(lambda: runtime.call(module, function, sent)))


@FUZZ
@given(conv_calls())
@example(({"X": [[1.0] * 40] * 40, "K": [[1]], "b": 0, "stride": 1, "padding": 0, "dL_dY": [[1.0] * 40] * 40},
          "X"))
@example(({"X": [[1, 2], [3, 4]], "K": [[1, 1], [1, 1]], "b": 0, "stride": 1, "padding": 1000, "dL_dY": [[0]]},
          "padding"))
@example(({"X": [[0.0]], "K": [[0.0]], "b": 0, "stride": "1", "padding": 0, "dL_dY": [[0.0]]}, "stride"))
def test_the_convolution_editor_gets_a_value_or_an_error_by_its_field(call):
    arguments, hostile = call
    # the editor's fields are the function's arguments; X and K decide dL/dY's shape; X, the padded X's
    allowed = CONV_BLAME.get(hostile, set()) | {hostile, "dL_dY"} | ({"padding"} if hostile == "X" else set())
    value_or_error_by(through_the_bridge("convolutional.steps", "widgets", arguments), allowed)


@FUZZ
@given(pool_calls())
@example(({"X": [[1.0] * 40] * 40, "window": 1, "stride": 1, "dL_dY": [[1.0] * 40] * 40}, "X"))
def test_the_pooling_editor_gets_a_value_or_an_error_by_its_field(call):
    arguments, hostile = call
    allowed = {hostile, "window", "dL_dY"} if hostile == "X" else {hostile, "dL_dY"}
    value_or_error_by(through_the_bridge("pooling.steps", "widgets", arguments), allowed)


def value_or_error_by(reply, allowed):
    """The bridge's reply is a value, or an error whose field is one of `allowed` and whose
    message names it (None: arguments JSON cannot carry, which the page cannot send)."""
    if reply is None or "value" in reply:
        return
    error = reply["error"]
    assert error["argument"] in allowed, error
    assert LABELS.get(error["argument"], error["argument"]) in error["message"], error


# ---- The full layers: convolutional/layer.py and pooling/layer.py -----------------------

PAIRS = st.one_of(
    st.integers(-2, 6), st.tuples(st.integers(-1, 5), st.integers(-1, 5)), SCALARS,
    st.sampled_from([(1,), (1, 2, 3), [[1, 2]], [[1], [1, 2]], (True, 1), (1.0, 1), (np.int64(2), 1),
                     (10 ** 40, 1), 2 ** 26, (1, 10 ** 6), np.array([2, 1])]))
"""What may arrive where a stride, padding, dilation or window (an int or a pair) is expected."""


@st.composite
def hostile_arrays(draw, valid):
    """What may arrive where an array is expected, `valid` (an array) spoiled or reshaped."""
    A = np.asarray(valid)
    spoil = draw(st.sampled_from(["nan", "inf", "huge", "none", "text", "bool", "int", "complex", "ragged",
                                  "0-d", "drop an axis", "5-d", "empty", "more channels", "scalar"]))
    if spoil in ("nan", "inf", "huge", "none", "text"):
        spoiled = A.astype(object)
        spoiled.flat[draw(st.integers(0, A.size - 1))] = {"nan": np.nan, "inf": -np.inf, "huge": 10 ** 400,
                                                          "none": None, "text": "a"}[spoil]
        return spoiled.tolist() if spoil in ("huge", "none", "text") else spoiled.astype(float)
    if spoil == "bool":
        return A > 0
    if spoil == "int":
        return np.round(A).astype(int)
    if spoil == "complex":
        return A + 1j
    if spoil == "ragged":
        nested = A.tolist()
        if A.ndim == 1:
            nested[0] = [nested[0], 1.0]
        else:
            nested[0] = nested[0][:-1] if len(nested[0]) > 1 else nested[0] + nested[0]
        return nested
    if spoil == "0-d":
        return A.reshape(-1)[0]
    if spoil == "drop an axis":
        return A[0]
    if spoil == "5-d":
        return A[None]
    if spoil == "empty":
        axis = draw(st.integers(0, A.ndim - 1))
        return np.take(A, [], axis=axis)
    if spoil == "more channels":
        return np.concatenate([A, A], axis=min(1, A.ndim - 1))
    return draw(SCALARS)


def pair(value):
    """An option the layer accepted, as PyTorch takes it: a pair of Python ints."""
    return tuple(int(v) for v in ((value, value) if np.ndim(value) == 0 else value))


def refused_naming_or_agrees(call, arguments, names, oracle):
    """call(**arguments) raises a ValueError whose message names one of `names`, or returns
    what oracle(**arguments) computes (NaN where PyTorch has NaN)."""
    try:
        result = bounded(lambda: call(**arguments))
    except ValueError as error:
        assert any(name in str(error) for name in names), f"the message names none of {sorted(names)}: {error}"
        return
    for ours, theirs in zip(result if isinstance(result, tuple) else (result,), oracle(**arguments)):
        tolerance = 1e-9 if ours.dtype == np.float64 else 1e-5  # bools and small ints: float32, as numpy promotes
        np.testing.assert_allclose(ours, theirs, rtol=tolerance, atol=tolerance, equal_nan=True)


def as_tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64), requires_grad=grad)


@st.composite
def layer_calls(draw):
    N, C_in, C_out = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    KH, KW = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H, W_ = draw(st.integers(KH, 7)), draw(st.integers(KW, 7))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    valid = {"X": rng.standard_normal((N, C_in, H, W_)), "W": rng.standard_normal((C_out, C_in, KH, KW)),
             "b": rng.standard_normal(C_out), "stride": draw(st.integers(1, 3)), "padding": draw(st.integers(0, 1)),
             "dilation": 1}
    out = [(size + 2 * valid["padding"] - k) // valid["stride"] + 1 for size, k in ((H, KH), (W_, KW))]
    valid["dY"] = rng.standard_normal((N, C_out, *out))
    return draw(one_hostile(valid, {name: (lambda v, name=name: hostile_arrays(v[name])) for name in
                                    ("X", "W", "b", "dY")} | {name: lambda v: PAIRS for name in
                                                              ("stride", "padding", "dilation")}))


LAYER_NAMES = {"X": {"X"}, "W": {"W"}, "b": {"b"}, "dY": {"dY"}, "stride": {"stride"},
               "padding": {"padding"}, "dilation": {"dilation"}}
"""What a message must name when an argument is hostile."""


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # inf × a zero is NaN, as in PyTorch
@FUZZ
@given(layer_calls())
@example(({"X": np.zeros((1, 1, 3, 3)), "W": np.zeros((1, 1, 2, 2)), "b": np.zeros(1), "stride": 1,
           "padding": 10 ** 4, "dilation": 1, "dY": np.zeros((1, 1, 2, 2))}, "padding"))
@example(({"X": np.zeros((1, 1, 3, 3)), "W": np.zeros((1, 1, 2, 2)), "b": np.zeros(1), "stride": 1,
           "padding": 0, "dilation": 1, "dY": np.zeros((1, 1, 2, 2))}, "X"))
def test_conv_layer_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    options = {name: arguments[name] for name in ("stride", "padding", "dilation")}
    # a change to X, W or the options changes the shape dY must have; X's or W's, the other's channels
    names = LAYER_NAMES[hostile] | {"dY"} | ({"X", "W"} if hostile in ("X", "W") else set())

    def torch_options():
        return {name: pair(value) for name, value in options.items()}

    def forward_oracle_(X, W, b, **_):
        return [F.conv2d(as_tensor(X), as_tensor(W), as_tensor(b), **torch_options()).numpy()]

    def backward_oracle(dY, X, W, **_):
        x, w = as_tensor(X, True), as_tensor(W, True)
        y = F.conv2d(x, w, **torch_options())
        y.backward(as_tensor(dY))
        return x.grad.numpy(), w.grad.numpy(), as_tensor(dY).sum(dim=(0, 2, 3)).numpy()

    if hostile != "dY":
        refused_naming_or_agrees(conv_layer.conv2d_forward, {k: arguments[k] for k in ("X", "W", "b")} | options,
                                 names - {"dY"} | ({"X"} if hostile == "W" else set()), forward_oracle_)
    if hostile != "b":
        refused_naming_or_agrees(conv_layer.conv2d_backward, {k: arguments[k] for k in ("dY", "X", "W")} | options,
                                 names, backward_oracle)


@st.composite
def pool_layer_calls(draw):
    N, C = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    window = draw(st.integers(1, 3))
    padding = draw(st.integers(0, window // 2))
    stride = draw(st.one_of(st.none(), st.integers(1, 3)))
    H, W = draw(st.integers(window, 7)), draw(st.integers(window, 7))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    s = window if stride is None else stride
    out = [(size + 2 * padding - window) // s + 1 for size in (H, W)]
    valid = {"X": rng.standard_normal((N, C, H, W)), "window": window, "stride": stride, "padding": padding,
             "dY": rng.standard_normal((N, C, *out))}
    return draw(one_hostile(valid, {"X": lambda v: hostile_arrays(v["X"]), "dY": lambda v: hostile_arrays(v["dY"]),
                                    "window": lambda v: PAIRS, "stride": lambda v: PAIRS,
                                    "padding": lambda v: PAIRS}))


@pytest.mark.parametrize("kind", ["max", "average"])
@FUZZ
@given(call=pool_layer_calls())
@example(call=({"X": np.zeros((1, 1, 2, 2)), "window": 10 ** 5, "stride": 1, "padding": 10 ** 5 // 2,
                    "dY": np.zeros((1, 1, 1, 1))}, "window"))
@example(call=({"X": np.zeros((1, 1, 2, 2)), "window": 2, "stride": 10 ** 30, "padding": 0,
                    "dY": np.zeros((1, 1, 1, 1))}, "stride"))
def test_pooling_layer_refuses_or_agrees_with_pytorch(kind, call):
    arguments, hostile = call
    forward, backward = {"max": (pool_layer.max_pool2d_forward, pool_layer.max_pool2d_backward),
                         "average": (pool_layer.avg_pool2d_forward, pool_layer.avg_pool2d_backward)}[kind]
    torch_pool = {"max": F.max_pool2d, "average": F.avg_pool2d}[kind]
    # the window, stride and padding decide dY's shape; the window is checked against the padding and X
    names = {hostile, "dY", "window", "padding"} if hostile != "dY" else {"dY"}
    options = {name: arguments[name] for name in ("window", "stride", "padding")}

    def torch_options():
        stride = options["stride"]
        return dict(kernel_size=pair(options["window"]), stride=pair(options["window"] if stride is None else stride),
                    padding=pair(options["padding"]))

    def forward_oracle_(X, **_):
        return [torch_pool(as_tensor(X), **torch_options()).numpy()]

    def backward_oracle(dY, X, **_):
        x = as_tensor(X, True)
        torch_pool(x, **torch_options()).backward(as_tensor(dY))
        return [x.grad.numpy()]

    if hostile != "dY":
        refused_naming_or_agrees(forward, {"X": arguments["X"]} | options, names - {"dY"}, forward_oracle_)
    refused_naming_or_agrees(backward, {"dY": arguments["dY"], "X": arguments["X"]} | options, names, backward_oracle)


# ---- Output sizes, and im2col / col2im -------------------------------------------------

@st.composite
def size_calls(draw):
    kernel, dilation = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    valid = {"size": draw(st.integers(1, 12)), "kernel": kernel, "stride": draw(st.integers(1, 4)),
             "padding": draw(st.integers(0, kernel // 2)), "dilation": dilation}
    hostile = st.one_of(SCALARS, st.sampled_from([2.0, np.int64(3), np.float64(2), True, 2 ** 25 + 1, "3"]))
    return draw(one_hostile(valid, {name: lambda v: hostile for name in valid}))


def torch_size(function, size, **options):
    """The output's width PyTorch gives a 1×size input, or None where it refuses the sizes."""
    try:
        return function(torch.zeros(1, 1, 1, size, dtype=torch.float64), **options).shape[-1]
    except RuntimeError:
        return None


@FUZZ
@given(size_calls())
@example(({"size": 5, "kernel": 3, "stride": 0, "padding": 0, "dilation": 1}, "stride"))
@example(({"size": 5, "kernel": 3, "stride": 1, "padding": -1, "dilation": 1}, "padding"))
def test_output_sizes_refuse_or_agree_with_pytorch(call):
    arguments, hostile = call
    size, kernel, stride, padding, dilation = (arguments[name] for name in
                                               ("size", "kernel", "stride", "padding", "dilation"))
    pooled = {"size": size, "window": kernel, "stride": stride, "padding": padding}
    for function, named, oracle in [
        (conv_layer.output_size, arguments, lambda: torch_size(
            lambda x, **o: F.conv2d(x, torch.zeros(1, 1, 1, kernel, dtype=torch.float64), **o), size,
            stride=(1, stride), padding=(0, padding), dilation=(1, dilation))),
        (pool_layer.output_size, pooled, lambda: torch_size(
            F.max_pool2d, size, kernel_size=(1, kernel), stride=(1, stride), padding=(0, padding)))]:
        try:
            positions = function(**named)
        except ValueError as error:
            name = "window" if hostile == "kernel" and function is pool_layer.output_size else hostile
            assert name in str(error), f"the message does not name {name}: {error}"
            continue
        if function is pool_layer.output_size and (hostile == "dilation" or padding > kernel // 2):
            continue  # pooling has no dilation; its padding is at most half the window (check_pool's rule)
        expected = oracle()
        assert positions == expected if expected is not None else positions < 1, (positions, expected)
    for function, shapes in [(conv.output_shape, ((size, size), (kernel, kernel))),
                             (pool.output_shape, ((size, size), kernel))]:
        if hostile in ("stride",) or (hostile == "kernel" and function is pool.output_shape):
            try:
                function(*shapes, stride)
            except conv.InputError as error:
                assert error.argument in ("stride", "window") and error.argument in str(error), error


@settings(max_examples=60, deadline=DEADLINE_MS)
@given(layer_calls())
def test_im2col_and_col2im_are_pytorchs_unfold_and_fold(call):
    """im2col and col2im take the arguments check_layer validated: here, valid ones only."""
    arguments, _ = call
    try:
        X, W, stride, padding, dilation = conv_layer.check_layer(
            arguments["X"], arguments["W"], None, arguments["stride"], arguments["padding"], arguments["dilation"])
    except ValueError:
        return
    kernel, out = W.shape[2:], conv_layer._shapes(X, W, stride, padding, dilation)
    options = dict(kernel_size=kernel, dilation=dilation, padding=padding, stride=stride)
    Xp = conv_layer.pad(X, padding)
    cols = conv_layer.im2col(Xp, kernel, stride, dilation, out)  # (C K K, N L)
    unfolded = F.unfold(torch.tensor(X), **options).numpy()  # (N, C K K, L)
    np.testing.assert_allclose(cols.reshape(cols.shape[0], X.shape[0], -1).transpose(1, 0, 2), unfolded,
                               rtol=1e-12, atol=1e-12)
    back = conv_layer.col2im(cols, Xp.shape, kernel, stride, dilation, out)
    (ph, pw) = padding
    folded = F.fold(torch.tensor(unfolded), output_size=X.shape[2:], **options).numpy()
    np.testing.assert_allclose(back[:, :, ph:back.shape[2] - ph, pw:back.shape[3] - pw], folded, rtol=1e-12, atol=1e-12)
