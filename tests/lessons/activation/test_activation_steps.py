"""activation_site/steps.py: what the walkthroughs show, read back as the reader reads it,
against PyTorch: Y and dL/dX as they fill, and each step's sentence."""

import re

import numpy as np
from hypothesis import given, settings

from tests.lessons.activation.conftest import relu_oracle
from tests.lessons.activation.test_activation import relu_inputs
from tests.support import text_numbers
from tests.support.shown import close
from tests.support.site import lesson

activation, steps = lesson("activation"), lesson("activation_site.steps")
FORWARD = re.compile(r"Y\[(\d+),(\d+)\] = max\(0, (\S+)\) = (\S+): .*")
BACKWARD = re.compile(r"dL/dX\[(\d+),(\d+)\] = (?:dL/dY\[\d+,\d+\] = )?(\S+): X\[\d+,\d+\] = (\S+?),? .*")


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def check_walkthroughs(X, dL_dY):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = relu_oracle(X, dL_dY)
    forward = steps.forward_walkthrough(X)["steps"]
    assert len(forward) == X.size
    for step, (i, j) in zip(forward, np.ndindex(X.shape)):
        x_panel, y_panel = step["panels"]
        assert x_panel["current"] == y_panel["current"] == [i, j]
        assert close([text_numbers.number(y_panel["cells"][i][j])], [Y[i, j]])
        index_i, index_j, x, y = FORWARD.fullmatch(step["sentence"]).groups()
        assert (int(index_i), int(index_j)) == (i, j)
        assert close([text_numbers.number(x), text_numbers.number(y)], [X[i, j], Y[i, j]])
    assert close(matrix(forward[-1]["panels"][1]).flat, Y.flat)

    backward = steps.backward_walkthrough(X, dL_dY)["steps"]
    assert len(backward) == X.size
    for step, (i, j) in zip(backward, np.ndindex(X.shape)):
        assert [panel["current"] for panel in step["panels"]] == [[i, j]] * 3
        index_i, index_j, dx, x = BACKWARD.fullmatch(step["sentence"]).groups()
        assert (int(index_i), int(index_j)) == (i, j)
        assert close([text_numbers.number(dx), text_numbers.number(x)], [dL_dX[i, j], X[i, j]])
        assert ("passes" in step["sentence"]) == bool(X[i, j] > 0)
        assert ("no derivative" in step["sentence"]) == bool(X[i, j] == 0)
    assert close(matrix(backward[-1]["panels"][2]).flat, dL_dX.flat)


def test_walkthroughs_of_the_lessons_example():
    check_walkthroughs(*activation.worked_example())


@settings(max_examples=100, deadline=None)
@given(relu_inputs())
def test_walkthroughs_of_random_matrices_with_zeros(inputs):
    X, dL_dY = inputs
    if X.ndim == 2:
        check_walkthroughs(X, dL_dY)


def test_widgets_are_both_walkthroughs():
    X, dL_dY = activation.worked_example()
    assert set(steps.widgets(X, dL_dY)["walkthroughs"]) == {"forward", "backward"}


def test_a_dL_dY_of_another_shape_is_refused_by_its_field():
    X, _ = activation.worked_example()
    try:
        steps.widgets(X, np.ones((1, 1)))
    except ValueError as error:
        assert error.argument == "dL_dY"
    else:
        raise AssertionError("a dL/dY of another shape than X was accepted")
