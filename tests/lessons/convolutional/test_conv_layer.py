"""The full layer (convolutional_site/layer.py), fast and naive, against PyTorch and each other."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.site import lesson

layer = lesson("convolutional_site.layer")


def torch_layer(X, W, b, dL_dY, stride, padding, dilation):
    x, w, bias = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
    y = F.conv2d(x, w, bias, stride=stride, padding=padding, dilation=dilation)
    y.backward(torch.tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy(), w.grad.numpy(), bias.grad.numpy()


def close(actual, expected, tolerance):
    scale = max(1.0, float(np.max(np.abs(expected))))
    np.testing.assert_allclose(actual, expected, rtol=tolerance, atol=tolerance * scale)


pairs = lambda low, high: st.one_of(st.integers(low, high), st.tuples(st.integers(low, high), st.integers(low, high)))


@st.composite
def layers(draw, dtype):
    N, C_in, C_out = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    stride, padding, dilation = draw(pairs(1, 3)), draw(pairs(0, 2)), draw(pairs(1, 2))
    s, p, d = (layer.as_pair("", v, 0) for v in (stride, padding, dilation))
    KH, KW = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H = draw(st.integers(max(1, d[0] * (KH - 1) + 1 - 2 * p[0]), 9))
    W_ = draw(st.integers(max(1, d[1] * (KW - 1) + 1 - 2 * p[1]), 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.standard_normal((N, C_in, H, W_)).astype(dtype)
    W = rng.standard_normal((C_out, C_in, KH, KW)).astype(dtype)
    b = rng.standard_normal(C_out).astype(dtype)
    H_out, W_out = (layer.output_size(n, k, s[a], p[a], d[a]) for a, (n, k) in enumerate(((H, KH), (W_, KW))))
    dL_dY = rng.standard_normal((N, C_out, H_out, W_out)).astype(dtype)
    return X, W, b, dL_dY, stride, padding, dilation


@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 1e-10), (np.float32, 1e-4)])
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_fast_and_naive_match_pytorch(dtype, tolerance, data):
    X, W, b, dL_dY, stride, padding, dilation = data.draw(layers(dtype))
    expected = torch_layer(X, W, b, dL_dY, stride, padding, dilation)
    options = dict(stride=stride, padding=padding, dilation=dilation)
    fast = (layer.conv2d_forward(X, W, b, **options), *layer.conv2d_backward(dL_dY, X, W, **options))
    naive = (layer.conv2d_forward_naive(X, W, b, **options), *layer.conv2d_backward_naive(dL_dY, X, W, **options))
    for name, ours, theirs, loops in zip(("Y", "dL_dX", "dL_dW", "dL_db"), fast, expected, naive):
        assert ours.shape == theirs.shape, name
        close(ours, theirs, tolerance)
        close(loops, theirs, tolerance)
        close(ours, loops, tolerance)


def test_dX_is_a_transposed_convolution_of_dY():
    rng = np.random.default_rng(0)
    X, W = rng.standard_normal((2, 3, 9, 8)), rng.standard_normal((4, 3, 3, 3))
    dL_dY = rng.standard_normal((2, 4, 5, 4))
    dL_dX, _, _ = layer.conv2d_backward(dL_dY, X, W, stride=2, padding=1)
    expected = F.conv_transpose2d(torch.tensor(dL_dY), torch.tensor(W), stride=2, padding=1, output_padding=(0, 1))
    np.testing.assert_allclose(dL_dX, expected.numpy(), atol=1e-12)


X, W, b = np.zeros((1, 2, 5, 5)), np.zeros((3, 2, 3, 3)), np.zeros(3)


@pytest.mark.parametrize("call, message", [
    (lambda: layer.conv2d_forward(X[0], W, b), r"X must have 4 dimensions \(N, C_in, H, W\), but it has shape \(2, 5, 5\)"),
    (lambda: layer.conv2d_forward(X, W[0], b), r"W must have 4 dimensions"),
    (lambda: layer.conv2d_forward(X, np.zeros((3, 1, 3, 3)), b), r"W has 1 input channels but X has 2"),
    (lambda: layer.conv2d_forward(X, W, np.zeros(2)), r"b must have shape \(3,\), one bias per filter"),
    (lambda: layer.conv2d_forward(X, W, b, stride=0), r"stride must be at least 1, not 0"),
    (lambda: layer.conv2d_forward(X, W, b, dilation=(1, 0)), r"dilation must be at least 1"),
    (lambda: layer.conv2d_forward(X, W, b, padding=-1), r"padding must be at least 0, not -1"),
    (lambda: layer.conv2d_forward(X, W, b, stride=1.5), r"stride must be a whole number or a pair"),
    (lambda: layer.conv2d_forward(X, W, b, dilation=3), r"kernel's height with dilation, 7, is larger than the padded input's, 5"),
    (lambda: layer.conv2d_backward(np.zeros((1, 3, 2, 2)), X, W), r"dL_dY must have the shape of Y, \(1, 3, 3, 3\)"),
    (lambda: layer.conv2d_backward_naive(np.zeros((1, 3, 2, 2)), X, W), r"dL_dY must have the shape of Y"),
])
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_integer_inputs_are_computed_in_floating_point():
    X = np.arange(16).reshape(1, 1, 4, 4)
    W = np.ones((1, 1, 2, 2), dtype=int)
    Y = layer.conv2d_forward(X, W, np.array([0.5]))
    assert Y.dtype == np.float64 and Y[0, 0, 0, 0] == 0 + 1 + 4 + 5 + 0.5
    np.testing.assert_array_equal(Y, layer.conv2d_forward_naive(X, W, np.array([0.5])))
