"""pooling.py against PyTorch (max_pool2d, avg_pool2d and autograd), on the lesson's examples
and on random inputs of small integers, so that windows often hold tied maxima."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.pooling.conftest import examples
from tests.support.oracle import pool_oracle
from tests.support.printed import assert_printed
from tests.support.site import LESSONS, run_python


def check_against_oracle(pool, X, window, stride, dL_dY):
    """Integers in, exact agreement out: max pooling moves numbers without arithmetic, and
    average pooling's sums of small integers over k² are the same in both."""
    Y, dL_dX = pool_oracle("max", X, window, stride, dL_dY)
    np.testing.assert_array_equal(pool.max_pool_forward(X, window, stride), Y)
    np.testing.assert_array_equal(pool.max_pool_backward(dL_dY, X, window, stride), dL_dX)
    Y, dL_dX = pool_oracle("average", X, window, stride, dL_dY)
    np.testing.assert_allclose(pool.avg_pool_forward(X, window, stride), Y, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(pool.avg_pool_backward(dL_dY, X, window, stride), dL_dX, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["worked", "overlap"])
def test_the_lessons_examples_match_pytorch(pool, name):
    check_against_oracle(pool, *examples(pool)[name])


def test_the_examples_are_the_lessons(pool):
    X, window, stride, dL_dY = pool.worked_example()
    np.testing.assert_array_equal(X, pool.EXAMPLE_X)
    assert (window, stride) == (pool.EXAMPLE_WINDOW, pool.EXAMPLE_STRIDE)
    np.testing.assert_array_equal(dL_dY, pool.EXAMPLE_DL_DY)
    X, window, stride, dL_dY = pool.overlap_example()
    np.testing.assert_array_equal(X, pool.OVERLAP_X)
    assert (window, stride) == (pool.OVERLAP_WINDOW, pool.OVERLAP_STRIDE)
    np.testing.assert_array_equal(dL_dY, pool.OVERLAP_DL_DY)


@st.composite
def pool_inputs(draw):
    H, W = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    window = draw(st.integers(1, min(H, W)))
    stride = draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.integers(0, 3, (H, W)).astype(float)  # three values: ties in most windows
    dL_dY = rng.integers(-4, 5, ((H - window) // stride + 1, (W - window) // stride + 1)).astype(float)
    return X, window, stride, dL_dY


@settings(max_examples=300, deadline=None)
@given(pool_inputs())
def test_random_inputs_with_ties_match_pytorch(pool, inputs):
    check_against_oracle(pool, *inputs)


def test_a_tie_sends_the_gradient_to_the_first_maximum_in_reading_order(pool):
    X = [[1, 7], [7, 7]]
    np.testing.assert_array_equal(pool.max_pool_backward([[5]], X, 2, 2), [[0, 5], [0, 0]])
    np.testing.assert_array_equal(pool_oracle("max", X, 2, 2, [[5]])[1], [[0, 5], [0, 0]])


X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]


@pytest.mark.parametrize("call, argument, message", [
    (lambda p: p.max_pool_forward(X, 4, 1), "window", r"the window 4×4 is larger than the input X \(3, 3\)"),
    (lambda p: p.avg_pool_backward([[1]], X, 4, 1), "window", r"the window 4×4 is larger than the input X \(3, 3\)"),
    (lambda p: p.max_pool_backward([[1, 2]], X, 2, 1), "dL_dY",
     r"dL/dY must have the shape of the output Y, \(2, 2\), but it has shape \(1, 2\)"),
    (lambda p: p.avg_pool_backward([[1, 2, 3]], X, 2, 2), "dL_dY",
     r"dL/dY must have the shape of the output Y, \(1, 1\), but it has shape \(1, 3\)"),
])
def test_the_lessons_checks_name_their_argument(pool, call, argument, message):
    """The checks that teach something; hostile values are the kit's (tests/machinery/test_values.py)."""
    with pytest.raises(ValueError, match=message) as raised:
        call(pool)
    assert raised.value.argument == argument


def test_running_the_file_prints_the_examples(pool):
    """`python pooling.py` prints each example's Y and dL/dX: the oracle's numbers."""
    printed = run_python(["pooling.py"], cwd=LESSONS)
    sections = printed.split("Overlapping windows")
    assert len(sections) == 2, "the worked example, then the overlapping windows"
    for section, (X, window, stride, dL_dY) in zip(sections, examples(pool).values()):
        for kind, label in (("max", "max pooling"), ("average", "average pooling")):
            Y, dL_dX = pool_oracle(kind, X, window, stride, dL_dY)
            assert_printed(section, f"{label}: Y", Y)
            assert_printed(section, f"{label}: dL/dX", dL_dX)
