"""The ReLU lesson's exercises: the questions a reader answers by hand, the tests their own
backward pass must pass, and the misconceptions behind the usual wrong answers, each as the
computation a reader holding it would have made. The page declares each exercise
(activation.md, ```exercise fences) and names these objects.

The sizes and ranges a reader's numbers are drawn from are the `draw_*` functions' defaults.
What the reader reads (a question, a case's name) is a template of the lesson's catalogs
(messages/<language>.json), worded in the page's language when it is shown.
"""

import numpy as np

import activation as lesson
from coursekit.page.code_tests import CodeTests
from coursekit.page.questions import NumberQuestion
from coursekit.page.words import Words

say = Words(__package__)


def draw_relu(rng, rows=(2, 3), columns=(3, 4), values=(-2, 2)):
    """X of whole numbers from a small range, so that zeros are frequent (one entry in five),
    and dL/dY with no zero entry, so that every entry's gradient shows where it goes."""
    H = int(rng.integers(rows[0], rows[1] + 1))
    W = int(rng.integers(columns[0], columns[1] + 1))
    X = rng.integers(values[0], values[1] + 1, size=(H, W)).astype(float)
    dL_dY = rng.choice([-3, -2, -1, 1, 2, 3], size=(H, W)).astype(float)
    return {"X": X, "dL_dY": dL_dY}


# ---- Misconceptions, each as the computation it leads to -------------------------------

def gradient_through_negative(dL_dY, X):
    """dL/dY passed back everywhere, as if ReLU's slope were 1 for negative inputs too."""
    return np.array(dL_dY, dtype=float)


def output_as_gradient(dL_dY, X):
    """Y = max(0, X) sent back in place of dL/dY: the forward output taken for the gradient."""
    return lesson.relu_forward(X)


def gradient_at_zero(dL_dY, X):
    """dL/dY passed where X >= 0: the slope at 0 taken as 1, unlike PyTorch."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    return np.where(X >= 0, dL_dY, 0.0)


def slope_as_output(X, **_):
    """Y taken as ReLU's slope, 1 where X > 0 and 0 elsewhere, not as the input it keeps."""
    return (np.asarray(X, dtype=float) > 0).astype(float)


# ---- Numbers by hand ------------------------------------------------------------------

relu_output = NumberQuestion(
    draw=draw_relu, kind="matrix", ask=say.later("ask.relu-output"), shown={"X": "X"},
    answer=lambda X, **_: lesson.relu_forward(X), mistakes={"slope-as-output": slope_as_output},
)

relu_gradient = NumberQuestion(
    draw=draw_relu, kind="matrix", ask=say.later("ask.relu-gradient"),
    shown={"X": "X", "dL/dY": "dL_dY"},
    answer=lambda dL_dY, X: lesson.relu_backward(dL_dY, X),
    mistakes={"gradient-through-negative": gradient_through_negative, "output-as-gradient": output_as_gradient,
              "gradient-at-zero": gradient_at_zero},
)


# ---- Code: the tests a reader's ReLU backward pass must pass ---------------------------

def cases_backward(rng):
    """The worked example, then random batches (N samples, D units) with many exact zeros
    in X, a single entry, and a tall one."""
    X, dL_dY = lesson.worked_example()
    cases = [(say("case.worked-example"), {"dL_dY": dL_dY, "X": X})]
    for N, D in [(1, 1), (3, 5), (6, 2), (4, 4)]:
        X = rng.integers(-2, 3, size=(N, D)).astype(float)
        cases.append((say("case.random-batch", samples=N, units=D), {"dL_dY": rng.standard_normal((N, D)), "X": X}))
    return cases


relu_backward_tests = CodeTests(
    function="relu_backward", reference=lesson.relu_backward, cases=cases_backward, outputs=("dL/dX",),
    mistakes={"gradient-through-negative": gradient_through_negative, "output-as-gradient": output_as_gradient,
              "gradient-at-zero": gradient_at_zero},
)
