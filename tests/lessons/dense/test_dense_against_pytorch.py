"""dense.py against PyTorch (F.linear, autograd, float64): the lesson's example, one sample
of it, hundreds of random batches, and the bad inputs' messages and arguments."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.dense.conftest import linear_oracle
from tests.support.site import lesson

dense = lesson("dense")


def check(X, W, b, dL_dY):
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    np.testing.assert_allclose(dense.dense_forward(X, W, b), Y, rtol=1e-12, atol=1e-12)
    ours = dense.dense_backward(dL_dY, X, W)
    for name, mine, theirs in zip(("dL/dX", "dL/dW", "dL/db"), ours, (dL_dX, dL_dW, dL_db)):
        assert mine.shape == theirs.shape, name
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-12, err_msg=name)


def test_the_worked_example_and_its_first_sample():
    X, W, b, dL_dY = dense.worked_example()
    assert X.ndim == 2 and W.shape[1] == X.shape[1] and b.shape == (W.shape[0],)
    check(X, W, b, dL_dY)
    check(X[:1], W, b, dL_dY[:1])


@st.composite
def layers(draw):
    N, n_in, n_out = draw(st.integers(1, 5)), draw(st.integers(1, 6)), draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    return (rng.standard_normal((N, n_in)), rng.standard_normal((n_out, n_in)), rng.standard_normal(n_out),
            rng.standard_normal((N, n_out)))


@settings(max_examples=300, deadline=None)
@given(layers())
def test_random_batches_agree_with_pytorch(layer):
    check(*layer)


def test_the_one_sample_formula_is_the_batch_formula():
    """y = W x + b for each row of X is the row of Y = X Wᵀ + b; dL/dx = Wᵀ dL/dy and the
    outer products dL/dy xᵀ, summed, are PyTorch's dL/dX and dL/dW."""
    rng = np.random.default_rng(17)
    X, W, b, dL_dY = rng.standard_normal((4, 3)), rng.standard_normal((2, 3)), rng.standard_normal(2), \
        rng.standard_normal((4, 2))
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    for n in range(4):
        np.testing.assert_allclose(dense.dense_forward(X[n:n + 1], W, b)[0], Y[n], rtol=1e-12)
        np.testing.assert_allclose(dense.dense_backward(dL_dY[n:n + 1], X[n:n + 1], W)[0][0], dL_dX[n], rtol=1e-12)
    outer = sum(dense.dense_backward(dL_dY[n:n + 1], X[n:n + 1], W)[1] for n in range(4))
    np.testing.assert_allclose(outer, dL_dW, rtol=1e-12)


X, W, b = np.zeros((2, 3)), np.zeros((4, 3)), np.zeros(4)


@pytest.mark.parametrize("call, argument, message", [
    (lambda: dense.dense_forward(np.zeros(3), W, b), "X", r"X must be a batch, one sample per row"),
    (lambda: dense.dense_forward(X, np.zeros((4, 2)), b), "W", r"one column per feature of X \(3\)"),
    (lambda: dense.dense_forward(X, W, np.zeros(3)), "b", r"b must have one entry per output, 4"),
    (lambda: dense.dense_backward(np.zeros((2, 3)), X, W), "dL_dY", r"dL/dY must have the shape of the output Y, \(2, 4\)"),
    (lambda: dense.dense_backward(np.zeros((2, 4)), X, np.zeros((4, 2))), "W", r"one column per feature"),
])
def test_bad_shapes_name_their_argument(call, argument, message):
    with pytest.raises(ValueError, match=message) as raised:
        call()
    assert raised.value.argument == argument
