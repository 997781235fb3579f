"""dense_site/steps.py: what the walkthroughs show, read back as the reader reads it, against
PyTorch: each output's products and value, each sample's dL/dx, and dL/dW and dL/db as they
add up over the batch."""

import re

import numpy as np
from hypothesis import given, settings

from tests.lessons.dense.conftest import linear_oracle
from tests.lessons.dense.test_dense_against_pytorch import layers
from tests.support import text_numbers
from tests.support.shown import close
from tests.support.site import lesson

dense, steps = lesson("dense"), lesson("dense_site.steps")
FORWARD = re.compile(r"Y\[(\d+),(\d+)\] = (.+) = (.+?): sample .*")  # a value may be 2.5 × 10⁻⁷


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def check_walkthroughs(X, W, b, dL_dY):
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    forward = steps.forward_walkthrough(X, W, b)["steps"]
    assert len(forward) == Y.size
    for step, (n, j) in zip(forward, np.ndindex(Y.shape)):
        x_panel, w_panel, b_panel, y_panel = step["panels"]
        assert x_panel["window"] == [n, 0, 1, X.shape[1]] and w_panel["window"] == [j, 0, 1, W.shape[1]]
        assert b_panel["current"] == [0, j] and y_panel["current"] == [n, j]
        index_n, index_j, terms, value = FORWARD.fullmatch(step["sentence"]).groups()
        assert (int(index_n), int(index_j)) == (n, j)
        expected = [v for k in range(X.shape[1]) for v in (X[n, k], W[j, k])] + [b[j]]
        assert close([v for term in text_numbers.products(terms) for v in term], expected)
        assert close([text_numbers.number(value)], [Y[n, j]])
        assert close([text_numbers.number(y_panel["cells"][n][j])], [Y[n, j]])
    backward = steps.backward_walkthrough(X, W, dL_dY)["steps"]
    assert len(backward) == X.shape[0]
    for n, step in enumerate(backward):
        dy_panel, x_panel, dx_panel, dw_panel, db_panel = step["panels"]
        assert dy_panel["window"] == [n, 0, 1, dL_dY.shape[1]] and x_panel["window"] == [n, 0, 1, X.shape[1]]
        assert close(text_numbers.matrix([dx_panel["cells"][n]])[0], dL_dX[n])
        assert close(matrix(dw_panel).flat, (dL_dY[:n + 1].T @ X[:n + 1]).flat)  # the samples so far
    assert close(matrix(backward[-1]["panels"][3]).flat, dL_dW.flat)
    assert close(matrix(backward[-1]["panels"][4]).flat, dL_db.flat)


def test_walkthroughs_of_the_lessons_example():
    check_walkthroughs(*dense.worked_example())


@settings(max_examples=100, deadline=None)
@given(layers())
def test_walkthroughs_of_random_batches(layer):
    check_walkthroughs(*layer)


def test_widgets_take_b_as_one_row():
    X, W, b, dL_dY = dense.worked_example()
    assert set(steps.widgets(X, W, b[None], dL_dY)["walkthroughs"]) == {"forward", "backward"}
