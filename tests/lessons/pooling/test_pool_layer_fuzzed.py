"""Hypothesis feeds the full pooling layer (pooling_site/layer.py) hostile and clumsy
arguments, one at a time, into an otherwise valid call. Each call either returns what
PyTorch computes (max_pool2d, avg_pool2d, autograd) or refuses with a ValueError whose
message names the argument; never numpy's own complaint, a MemoryError or a hang
(tests/support/fuzz.py)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import example, given
from hypothesis import strategies as st

from tests.support.fuzz import (FUZZ, PAIRS, SCALARS, as_tensor, hostile_arrays, one_hostile, pair,
                                refused_naming_or_agrees)
from tests.support.site import lesson

pool_layer = lesson("pooling_site.layer")


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
             "dL_dY": rng.standard_normal((N, C, *out))}
    return draw(one_hostile(valid, {"X": lambda v: hostile_arrays(v["X"]), "dL_dY": lambda v: hostile_arrays(v["dL_dY"]),
                                    "window": lambda v: PAIRS, "stride": lambda v: PAIRS,
                                    "padding": lambda v: PAIRS}))


@pytest.mark.parametrize("kind", ["max", "average"])
@FUZZ
@given(call=pool_layer_calls())
@example(call=({"X": np.zeros((1, 1, 2, 2)), "window": 10 ** 5, "stride": 1, "padding": 10 ** 5 // 2,
                    "dL_dY": np.zeros((1, 1, 1, 1))}, "window"))
@example(call=({"X": np.zeros((1, 1, 2, 2)), "window": 2, "stride": 10 ** 30, "padding": 0,
                    "dL_dY": np.zeros((1, 1, 1, 1))}, "stride"))
def test_pooling_layer_refuses_or_agrees_with_pytorch(kind, call):
    arguments, hostile = call
    forward, backward = {"max": (pool_layer.max_pool2d_forward, pool_layer.max_pool2d_backward),
                         "average": (pool_layer.avg_pool2d_forward, pool_layer.avg_pool2d_backward)}[kind]
    torch_pool = {"max": F.max_pool2d, "average": F.avg_pool2d}[kind]
    # the window, stride and padding decide dL_dY's shape; the window is checked against the padding and X
    names = {hostile, "dL_dY", "window", "padding"} if hostile != "dL_dY" else {"dL_dY"}
    options = {name: arguments[name] for name in ("window", "stride", "padding")}

    def torch_options():
        stride = options["stride"]
        return dict(kernel_size=pair(options["window"]), stride=pair(options["window"] if stride is None else stride),
                    padding=pair(options["padding"]))

    def forward_oracle_(X, **_):
        return [torch_pool(as_tensor(X), **torch_options()).numpy()]

    def backward_oracle(dL_dY, X, **_):
        x = as_tensor(X, True)
        torch_pool(x, **torch_options()).backward(as_tensor(dL_dY))
        return [x.grad.numpy()]

    if hostile != "dL_dY":
        refused_naming_or_agrees(forward, {"X": arguments["X"]} | options, names - {"dL_dY"}, forward_oracle_)
    refused_naming_or_agrees(backward, {"dL_dY": arguments["dL_dY"], "X": arguments["X"]} | options, names, backward_oracle)


@st.composite
def size_calls(draw):
    window = draw(st.integers(1, 4))
    valid = {"size": draw(st.integers(1, 12)), "window": window, "stride": draw(st.integers(1, 4)),
             "padding": draw(st.integers(0, window // 2))}
    hostile = st.one_of(SCALARS, st.sampled_from([2.0, np.int64(3), np.float64(2), True, 2 ** 25 + 1, "3"]))
    return draw(one_hostile(valid, {name: lambda v: hostile for name in valid}))


@FUZZ
@given(size_calls())
@example(({"size": 5, "window": 3, "stride": 0, "padding": 0}, "stride"))
def test_output_size_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    try:
        positions = pool_layer.output_size(**arguments)
    except ValueError as error:
        assert hostile in str(error), f"the message does not name {hostile}: {error}"
        return
    if arguments["padding"] > arguments["window"] // 2:
        return  # pooling's padding is at most half the window (check_layer's rule): PyTorch refuses it
    try:
        expected = F.max_pool2d(torch.zeros(1, 1, 1, arguments["size"], dtype=torch.float64),
                                kernel_size=(1, arguments["window"]), stride=(1, arguments["stride"]),
                                padding=(0, arguments["padding"])).shape[-1]
    except RuntimeError:
        expected = None
    assert positions == expected if expected is not None else positions < 1, (positions, expected)
