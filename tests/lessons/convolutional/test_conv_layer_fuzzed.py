"""Hypothesis feeds the full convolutional layer (convolutional_site/layer.py) hostile and
clumsy arguments, one at a time, into an otherwise valid call. Each call either returns
what PyTorch computes (float64; autograd for the gradients) or refuses with a ValueError
whose message names the argument; never an IndexError, numpy's own complaint, a
MemoryError or a hang (tests/support/fuzz.py)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.support.fuzz import (DEADLINE_MS, FUZZ, PAIRS, SCALARS, as_tensor, hostile_arrays, one_hostile, pair,
                                refused_naming_or_agrees)
from tests.support.site import lesson

conv_layer = lesson("convolutional_site.layer")


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
    valid["dL_dY"] = rng.standard_normal((N, C_out, *out))
    return draw(one_hostile(valid, {name: (lambda v, name=name: hostile_arrays(v[name])) for name in
                                    ("X", "W", "b", "dL_dY")} | {name: lambda v: PAIRS for name in
                                                              ("stride", "padding", "dilation")}))


LAYER_NAMES = {"X": {"X"}, "W": {"W"}, "b": {"b"}, "dL_dY": {"dL_dY"}, "stride": {"stride"},
               "padding": {"padding"}, "dilation": {"dilation"}}
"""What a message must name when an argument is hostile."""


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # inf × a zero is NaN, as in PyTorch
@FUZZ
@given(layer_calls())
@example(({"X": np.zeros((1, 1, 3, 3)), "W": np.zeros((1, 1, 2, 2)), "b": np.zeros(1), "stride": 1,
           "padding": 10 ** 4, "dilation": 1, "dL_dY": np.zeros((1, 1, 2, 2))}, "padding"))
@example(({"X": np.zeros((1, 1, 3, 3)), "W": np.zeros((1, 1, 2, 2)), "b": np.zeros(1), "stride": 1,
           "padding": 0, "dilation": 1, "dL_dY": np.zeros((1, 1, 2, 2))}, "X"))
def test_conv_layer_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    options = {name: arguments[name] for name in ("stride", "padding", "dilation")}
    # a change to X, W or the options changes the shape dL_dY must have; X's or W's, the other's channels
    names = LAYER_NAMES[hostile] | {"dL_dY"} | ({"X", "W"} if hostile in ("X", "W") else set())

    def torch_options():
        return {name: pair(value) for name, value in options.items()}

    def forward_oracle_(X, W, b, **_):
        return [F.conv2d(as_tensor(X), as_tensor(W), as_tensor(b), **torch_options()).numpy()]

    def backward_oracle(dL_dY, X, W, **_):
        x, w = as_tensor(X, True), as_tensor(W, True)
        y = F.conv2d(x, w, **torch_options())
        y.backward(as_tensor(dL_dY))
        return x.grad.numpy(), w.grad.numpy(), as_tensor(dL_dY).sum(dim=(0, 2, 3)).numpy()

    if hostile != "dL_dY":
        refused_naming_or_agrees(conv_layer.conv2d_forward, {k: arguments[k] for k in ("X", "W", "b")} | options,
                                 names - {"dL_dY"} | ({"X"} if hostile == "W" else set()), forward_oracle_)
    if hostile != "b":
        refused_naming_or_agrees(conv_layer.conv2d_backward, {k: arguments[k] for k in ("dL_dY", "X", "W")} | options,
                                 names, backward_oracle)


@st.composite
def size_calls(draw):
    kernel, dilation = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    valid = {"size": draw(st.integers(1, 12)), "kernel": kernel, "stride": draw(st.integers(1, 4)),
             "padding": draw(st.integers(0, kernel // 2)), "dilation": dilation}
    hostile = st.one_of(SCALARS, st.sampled_from([2.0, np.int64(3), np.float64(2), True, 2 ** 25 + 1, "3"]))
    return draw(one_hostile(valid, {name: lambda v: hostile for name in valid}))


def torch_size(size, kernel, stride, padding, dilation):
    """The output's width PyTorch gives a 1×size input, or None where it refuses the sizes."""
    try:
        return F.conv2d(torch.zeros(1, 1, 1, size, dtype=torch.float64), torch.zeros(1, 1, 1, kernel, dtype=torch.float64),
                        stride=(1, stride), padding=(0, padding), dilation=(1, dilation)).shape[-1]
    except RuntimeError:
        return None


@FUZZ
@given(size_calls())
@example(({"size": 5, "kernel": 3, "stride": 0, "padding": 0, "dilation": 1}, "stride"))
@example(({"size": 5, "kernel": 3, "stride": 1, "padding": -1, "dilation": 1}, "padding"))
def test_output_size_refuses_or_agrees_with_pytorch(call):
    arguments, hostile = call
    try:
        positions = conv_layer.output_size(**arguments)
    except ValueError as error:
        assert hostile in str(error), f"the message does not name {hostile}: {error}"
        return
    expected = torch_size(**arguments)
    assert positions == expected if expected is not None else positions < 1, (positions, expected)


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
    kernel, out = W.shape[2:], conv_layer.output_shape(X, W, stride, padding, dilation)
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
