"""The full pooling layer (pooling_site/layer.py), fast and naive, against PyTorch and each other:
random shapes, windows, strides, paddings and batches, with integer inputs that tie."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.site import lesson

layer = lesson("pooling_site.layer")
TORCH = {"max": F.max_pool2d, "average": F.avg_pool2d}
OURS = {"max": (layer.max_pool2d_forward, layer.max_pool2d_backward,
                layer.max_pool2d_forward_naive, layer.max_pool2d_backward_naive),
        "average": (layer.avg_pool2d_forward, layer.avg_pool2d_backward,
                    layer.avg_pool2d_forward_naive, layer.avg_pool2d_backward_naive)}


def torch_pool(kind, X, dL_dY, window, stride, padding):
    x = torch.tensor(X, requires_grad=True)
    y = TORCH[kind](x, window, stride, padding)
    y.backward(torch.tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy()


pairs = lambda low, high: st.one_of(st.integers(low, high), st.tuples(st.integers(low, high), st.integers(low, high)))


@st.composite
def layers(draw, dtype):
    window = draw(pairs(1, 4))
    k = (window, window) if isinstance(window, int) else window
    padding = draw(st.one_of(st.just(0), st.tuples(st.integers(0, k[0] // 2), st.integers(0, k[1] // 2))))
    stride = draw(st.one_of(st.none(), pairs(1, 3)))
    p = (padding, padding) if isinstance(padding, int) else padding
    N, C = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H = draw(st.integers(max(1, k[0] - 2 * p[0]), 9))
    W = draw(st.integers(max(1, k[1] - 2 * p[1]), 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.integers(-2, 3, (N, C, H, W)).astype(dtype)  # five values: ties everywhere
    s = k if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    out = ((H + 2 * p[0] - k[0]) // s[0] + 1, (W + 2 * p[1] - k[1]) // s[1] + 1)
    dL_dY = rng.integers(-4, 5, (N, C, *out)).astype(dtype)
    return X, dL_dY, window, stride, padding


@pytest.mark.parametrize("kind, dtype, tolerance", [
    ("max", np.float64, 0.0),  # integers in: max pooling only moves them, and adds integers
    ("max", np.float32, 0.0),
    ("average", np.float64, 1e-12),  # a division by k², in another order than PyTorch's
    ("average", np.float32, 1e-5),
])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fast_and_naive_match_pytorch(kind, dtype, tolerance, data):
    X, dL_dY, window, stride, padding = data.draw(layers(dtype))
    Y, dL_dX = torch_pool(kind, X, dL_dY, window, stride if stride is not None else window, padding)
    forward, backward, forward_naive, backward_naive = OURS[kind]
    options = dict(window=window, stride=stride, padding=padding)
    for name, ours, theirs in [("Y", forward(X, **options), Y), ("dL_dX", backward(dL_dY, X, **options), dL_dX),
                               ("Y naive", forward_naive(X, **options), Y),
                               ("dL_dX naive", backward_naive(dL_dY, X, **options), dL_dX)]:
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype, name
        np.testing.assert_allclose(ours, theirs, rtol=tolerance, atol=tolerance, err_msg=name)


def test_integer_inputs_are_computed_in_floating_point():
    X = np.arange(16).reshape(1, 1, 4, 4)
    assert layer.max_pool2d_forward(X, 2).dtype == np.float64
    np.testing.assert_array_equal(layer.avg_pool2d_forward(X, 2)[0, 0], [[2.5, 4.5], [10.5, 12.5]])


X = np.zeros((1, 2, 5, 5))


@pytest.mark.parametrize("call, message", [
    (lambda: layer.max_pool2d_forward(X[0], 2), r"X must have 4 dimensions \(N, C, H, W\), but it has shape \(2, 5, 5\)"),
    (lambda: layer.max_pool2d_forward(X, 0), r"window must be at least 1, not 0"),
    (lambda: layer.avg_pool2d_forward(X, 2, stride=0), r"stride must be at least 1, not 0"),
    (lambda: layer.max_pool2d_forward(X, 2, padding=2), r"the padding must be at most half the window, 1 along its height"),
    (lambda: layer.max_pool2d_forward(X, 6), r"the window's height, 6, is larger than the padded input's, 5"),
    (lambda: layer.max_pool2d_forward(X, 1.5), r"window must be a whole number or a pair"),
    (lambda: layer.max_pool2d_backward(np.zeros((1, 2, 3, 3)), X, 2), r"dL_dY must have the shape of Y, \(1, 2, 2, 2\)"),
    (lambda: layer.avg_pool2d_backward_naive(np.zeros((1, 2, 3, 3)), X, 2), r"dL_dY must have the shape of Y"),
])
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_inputs_that_are_not_finite_are_refused():
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        layer.max_pool2d_forward(np.full((1, 1, 2, 2), -np.inf), 2, padding=1)
