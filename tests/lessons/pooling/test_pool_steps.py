"""pooling_site/steps.py: what the walkthroughs show, read back as the reader reads it, against
PyTorch: the windows, their maxima and where PyTorch finds them, Y, and dL/dX as it fills."""

import re

import numpy as np
from hypothesis import given, settings

from tests.lessons.pooling.conftest import examples
from tests.lessons.pooling.test_pool_against_pytorch import pool_inputs
from tests.support import text_numbers
from tests.support.oracle import max_positions, pool_oracle
from tests.support.shown import close
from tests.support.site import lesson

pool, steps = lesson("pooling"), lesson("pooling_site.steps")
FORWARD = re.compile(r"Y\[(\d+),(\d+)\] = max\((.+)\) = (\S+), at X\[(\d+),(\d+)\].*")
BACKWARD = re.compile(r"dL/dY\[(\d+),(\d+)\] = (\S+) goes to X\[(\d+),(\d+)\] = (\S+), .*")


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def check_walkthroughs(X, window, stride, dL_dY):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = pool_oracle("max", X, window, stride, dL_dY)
    where = max_positions(X, window, stride)
    forward = steps.forward_walkthrough(X, window, stride)["steps"]
    assert len(forward) == Y.size
    for step, (i, j) in zip(forward, np.ndindex(Y.shape)):
        x_panel, y_panel = step["panels"]
        top, left = stride * i, stride * j
        assert x_panel["window"] == [top, left, window, window]
        assert x_panel["marked"] == [list(where[i, j])]
        assert y_panel["current"] == [i, j]
        assert close([text_numbers.number(y_panel["cells"][i][j])], [Y[i, j]])
        index_i, index_j, values, value, p, q = FORWARD.fullmatch(step["sentence"]).groups()
        assert (int(index_i), int(index_j)) == (i, j) and (int(p), int(q)) == where[i, j]
        assert close([text_numbers.number(v) for v in values.split(", ")], X[top:top + window, left:left + window].flat)
        assert close([text_numbers.number(value)], [Y[i, j]])
    backward = steps.backward_walkthrough(X, window, stride, dL_dY)["steps"]
    assert len(backward) == dL_dY.size
    for step, (i, j) in zip(backward, np.ndindex(dL_dY.shape)):
        dy_panel, x_panel, dx_panel = step["panels"]
        assert dy_panel["current"] == [i, j] and x_panel["marked"] == [list(where[i, j])]
        assert dx_panel["current"] == list(where[i, j])
        index_i, index_j, gradient, p, q, maximum = BACKWARD.fullmatch(step["sentence"]).groups()
        assert (int(index_i), int(index_j), int(p), int(q)) == (i, j, *where[i, j])
        assert close([text_numbers.number(gradient), text_numbers.number(maximum)], [dL_dY[i, j], Y[i, j]])
    assert close(matrix(backward[-1]["panels"][2]).flat, dL_dX.flat)


def test_walkthroughs_of_the_lessons_examples():
    for example in examples(pool).values():
        check_walkthroughs(*example)


@settings(max_examples=100, deadline=None)
@given(pool_inputs())
def test_walkthroughs_of_random_inputs_with_ties(inputs):
    check_walkthroughs(*inputs)


def test_widgets_are_both_walkthroughs():
    X, window, stride, dL_dY = pool.worked_example()
    assert set(steps.widgets(X, window, stride, dL_dY)["walkthroughs"]) == {"forward", "backward"}
