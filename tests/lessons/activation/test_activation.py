"""activation.py against PyTorch (F.relu and autograd, float64), on the lesson's examples
and on hundreds of random inputs, batches among them, full of exact zeros."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.activation.conftest import batch_oracle, dead_by_oracle, leaky_oracle, relu_oracle
from tests.support.printed import assert_printed
from tests.support.site import LESSONS, lesson, run_python

activation = lesson("activation")


def check_against_oracle(X, dL_dY, slope=None):
    """ReLU moves numbers without arithmetic: exact agreement. Leaky ReLU, with `slope`
    (the lesson's by default), multiplies once: within 1e-12."""
    Y, dL_dX = relu_oracle(X, dL_dY)
    np.testing.assert_array_equal(activation.relu_forward(X), Y)
    np.testing.assert_array_equal(activation.relu_backward(dL_dY, X), dL_dX)
    slope = activation.LEAKY_SLOPE if slope is None else slope
    Y, dL_dX = leaky_oracle(X, dL_dY, slope)
    np.testing.assert_allclose(activation.leaky_relu_forward(X, slope), Y, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(activation.leaky_relu_backward(dL_dY, X, slope), dL_dX, rtol=1e-12, atol=1e-12)


def test_the_worked_example_matches_pytorch():
    check_against_oracle(*activation.worked_example())


def test_the_examples_are_the_lessons():
    X, dL_dY = activation.worked_example()
    np.testing.assert_array_equal(X, activation.EXAMPLE_X)
    np.testing.assert_array_equal(dL_dY, activation.EXAMPLE_DL_DY)
    Z, dL_dY = activation.batch_example()
    np.testing.assert_array_equal(Z, np.add(activation.BATCH_XW, activation.BATCH_B))
    np.testing.assert_array_equal(dL_dY, activation.BATCH_DL_DY)


@st.composite
def relu_inputs(draw):
    """A matrix or a batch (N, D), a vector, or a stack (3-D), with small whole numbers or
    halves (zeros in most inputs) or standard normal floats."""
    shape = tuple(draw(st.lists(st.integers(1, 6), min_size=1, max_size=3)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        X = rng.integers(-4, 5, shape) / 2
    else:
        X = rng.standard_normal(shape)
    return X, rng.standard_normal(shape)


@settings(max_examples=400, deadline=None)
@given(relu_inputs(), st.sampled_from([0.01, 0.1, 0.2, 0.5]))
def test_random_inputs_match_pytorch(inputs, slope):
    check_against_oracle(*inputs, slope=slope)


def test_the_gradient_at_zero_is_pytorchs():
    """At X = 0, PyTorch's relu passes nothing back; neither does the lesson."""
    X, dL_dY = np.zeros((2, 3)), np.arange(1.0, 7.0).reshape(2, 3)
    assert not relu_oracle(X, dL_dY)[1].any()
    check_against_oracle(X, dL_dY)


def test_leaky_relus_gradient_at_zero_is_pytorchs():
    """At X = 0, PyTorch's leaky_relu passes the slope a times dL/dY back; so does the lesson."""
    X, dL_dY = np.zeros((2, 3)), np.arange(1.0, 7.0).reshape(2, 3)
    np.testing.assert_allclose(leaky_oracle(X, dL_dY, 0.1)[1], 0.1 * dL_dY)
    check_against_oracle(X, dL_dY, slope=0.1)


def test_the_dead_unit_example_matches_pytorch():
    """Z, dL/dZ and dL/db by autograd through Z = XW + b; the lesson's dead units are those
    to which PyTorch passes no gradient."""
    Z, dL_dY = activation.batch_example()
    Z_torch, dL_dZ, dL_db = batch_oracle(activation.BATCH_XW, activation.BATCH_B, activation.BATCH_DL_DY)
    np.testing.assert_array_equal(Z, Z_torch)
    np.testing.assert_array_equal(activation.relu_backward(dL_dY, Z), dL_dZ)
    np.testing.assert_allclose(activation.relu_backward(dL_dY, Z).sum(axis=0), dL_db, rtol=1e-12, atol=1e-12)
    assert activation.dead_units(Z) == dead_by_oracle(Z)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_dead_units_of_random_batches_are_pytorchs(N, D, seed):
    Z = np.random.default_rng(seed).integers(-3, 2, (N, D)).astype(float)  # mostly <= 0: dead units are common
    assert activation.dead_units(Z) == dead_by_oracle(Z)


@pytest.mark.parametrize("backward", ["relu_backward", "leaky_relu_backward"])
@pytest.mark.parametrize("dL_dY, X, message", [
    ([[1, 2]], [[1, 2, 3]], r"dL/dY must have the shape of X \(and of Y\), \(1, 3\), but it has shape \(1, 2\)"),
    ([1, 2, 3], [[1, 2, 3]], r"dL/dY must have the shape of X \(and of Y\), \(1, 3\), but it has shape \(3,\)"),
])
def test_the_lessons_check_names_its_argument(backward, dL_dY, X, message):
    arguments = (dL_dY, X) if backward == "relu_backward" else (dL_dY, X, 0.1)
    with pytest.raises(ValueError, match=message) as raised:
        getattr(activation, backward)(*arguments)
    assert raised.value.argument == "dL_dY"


def test_running_the_file_prints_the_examples():
    """`python activation.py` prints the worked example's Y and dL/dX, and the batch's
    dL/dZ and dL/db: PyTorch's numbers."""
    printed = run_python(["activation.py"], cwd=LESSONS)
    Y, dL_dX = relu_oracle(*activation.worked_example())
    assert_printed(printed, "Y = max(0, X)", Y)
    assert_printed(printed, "dL/dX", dL_dX)
    Y, dL_dX = leaky_oracle(*activation.worked_example(), activation.LEAKY_SLOPE)
    assert_printed(printed, f"leaky ReLU, slope {activation.LEAKY_SLOPE}: Y", Y)
    assert_printed(printed, f"leaky ReLU, slope {activation.LEAKY_SLOPE}: dL/dX", dL_dX)
    _, dL_dZ, dL_db = batch_oracle(activation.BATCH_XW, activation.BATCH_B, activation.BATCH_DL_DY)
    assert_printed(printed, "dL/dZ", dL_dZ)
    assert_printed(printed, "dL/db = the sum of dL/dZ over the batch", dL_db)
