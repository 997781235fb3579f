"""convolutional.py against PyTorch, on the lesson's example and on random inputs."""

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tests.lessons.convolutional.conftest import CONV_FILE
from tests.support.oracle import conv_oracle, forward_oracle
from tests.support.printed import assert_printed


def assert_close(actual, expected):
    """float64 agreement to 1e-12, relative to the size of the numbers involved."""
    expected = np.asarray(expected)
    scale = max(1.0, float(np.max(np.abs(expected))))
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12 * scale)


def check_against_oracle(conv, X, K, b, dL_dY):
    Y, dL_dX, dL_dK, dL_db = conv_oracle(X, K, b, dL_dY)
    assert_close(conv.conv_forward(X, K, b), Y)
    ours = conv.conv_backward(dL_dY, X, K)
    for actual, expected in zip(ours, (dL_dX, dL_dK, dL_db)):
        assert_close(actual, expected)


def test_worked_example_matches_pytorch(conv):
    check_against_oracle(conv, *conv.worked_example())


def test_worked_example_is_the_lessons(conv):
    X, K, b, dL_dY = conv.worked_example()
    np.testing.assert_array_equal(X, conv.EXAMPLE_X)
    np.testing.assert_array_equal(K, conv.EXAMPLE_K)
    assert b == conv.EXAMPLE_B
    np.testing.assert_array_equal(dL_dY, conv.EXAMPLE_DL_DY)


values = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@st.composite
def layer_inputs(draw):
    H, W = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    kH, kW = draw(st.integers(1, H)), draw(st.integers(1, W))
    X = draw(arrays(np.float64, (H, W), elements=values))
    K = draw(arrays(np.float64, (kH, kW), elements=values))
    dL_dY = draw(arrays(np.float64, (H - kH + 1, W - kW + 1), elements=values))
    return X, K, draw(values), dL_dY


@settings(max_examples=200, deadline=None)
@given(layer_inputs())
def test_random_inputs_match_pytorch(conv, inputs):
    check_against_oracle(conv, *inputs)


@st.composite
def strided_inputs(draw):
    H, W = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    padding, stride = draw(st.integers(0, 3)), draw(st.integers(1, 4))
    kH, kW = draw(st.integers(1, H + 2 * padding)), draw(st.integers(1, W + 2 * padding))
    X = draw(arrays(np.float64, (H, W), elements=values))
    K = draw(arrays(np.float64, (kH, kW), elements=values))
    return X, K, draw(values), stride, padding


@settings(max_examples=200, deadline=None)
@given(strided_inputs())
def test_forward_with_stride_and_padding_matches_pytorch(conv, inputs):
    X, K, b, stride, padding = inputs
    assert_close(conv.conv_forward(X, K, b, stride=stride, padding=padding), forward_oracle(*inputs))


def numerical_gradient(f, A, h=1e-3):
    """Centred differences of the scalar f() with respect to every entry of A (changed in place)."""
    grad = np.zeros_like(A)
    for index in np.ndindex(A.shape):
        saved = A[index]
        A[index] = saved + h
        plus = f()
        A[index] = saved - h
        minus = f()
        A[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad


def relative_error(a, b, floor):
    """||a - b|| / (||a|| + ||b||): entries near zero are judged on the gradient's scale,
    and gradients smaller than `floor` on the scale of `floor`."""
    return np.linalg.norm(a - b) / max(floor, np.linalg.norm(a) + np.linalg.norm(b))


@settings(max_examples=30, deadline=None)
@given(layer_inputs())
def test_gradients_match_finite_differences(conv, inputs):
    """L = sum(Y * dL/dY) has exactly the upstream gradient dL/dY; its numerical
    gradients must agree with the analytic ones. L is linear in each of X, K and b, so
    centred differences are exact but for rounding, which a step of 1e-3 keeps far
    below the 1e-8 asked here (CS231n expects about 1e-8 in float64)."""
    X, K, b, dL_dY = (np.array(v, dtype=np.float64) for v in inputs)

    def loss():
        return np.sum(conv.conv_forward(X, K, b) * dL_dY)

    dL_dX, dL_dK, dL_db = conv.conv_backward(dL_dY, X, K)
    # Centred differences round to about eps·|L|/h: a gradient far below that (hypothesis
    # finds 6e-8 where L is 1) cannot be resolved, so gradients under 1e-3·|L| are judged
    # on that scale, where 1e-8 of it stays well above the rounding.
    floor = 1e-3 * max(1.0, abs(loss()))
    assert relative_error(dL_dX, numerical_gradient(loss, X), floor) < 1e-8
    assert relative_error(dL_dK, numerical_gradient(loss, K), floor) < 1e-8
    assert relative_error(np.array(dL_db), numerical_gradient(loss, b), floor) < 1e-8


def test_running_the_file_prints_the_worked_example(conv):
    """`python convolutional.py` prints Y, dL/dX, dL/dK and dL/db: the oracle's numbers."""
    printed = subprocess.run([sys.executable, str(CONV_FILE)], capture_output=True, text=True, check=True).stdout
    Y, dL_dX, dL_dK, dL_db = conv_oracle(*conv.worked_example())
    for name, value in [("Y", Y), ("dL/dX", dL_dX), ("dL/dK", dL_dK), ("dL/db", dL_db)]:
        assert_printed(printed, name, value)
