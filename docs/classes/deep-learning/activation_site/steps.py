"""ReLU one entry at a time: what the page's walkthroughs show.

Every number comes from activation.py's functions (relu_forward, relu_backward); this file
only lays them out, one step per entry, as the walkthrough data of coursekit.page.steps. It
runs at build time and in the page's Python, when the reader changes the numbers:
`widgets` is what the page's widgets call. numpy only.
"""

import numpy as np

import activation as lesson
from coursekit.page.numbers import text
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, takes

EDIT_LIMIT = 8
"""The most rows and columns of a matrix a reader may type into the editor: the
walkthroughs of the largest still fit a page."""


def forward_walkthrough(X):
    """One step per entry: X[i, j] kept if positive, else 0; Y filling in."""
    X = np.asarray(X, dtype=float)
    Y = lesson.relu_forward(X)
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        done[i, j] = True
        why = "it is positive, so it passes" if X[i, j] > 0 else "it is not positive, so ReLU gives 0"
        steps.append({
            "sentence": f"Y[{i},{j}] = max(0, {text(X[i, j])}) = {text(Y[i, j])}: {why}",
            "panels": [panel("X", X, current=[i, j]),
                       panel("Y = max(0, X)", Y, current=[i, j], filled=done.copy())],
        })
    return walkthrough("Forward pass: every positive entry passes, the others become 0", steps)


def backward_walkthrough(X, dL_dY):
    """One step per entry: dL/dY[i, j] passes where X[i, j] > 0; elsewhere dL/dX[i, j] = 0."""
    dL_dX = lesson.relu_backward(dL_dY, X)
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    done = np.zeros(X.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(X.shape):
        done[i, j] = True
        dx, dy, x = text(dL_dX[i, j]), text(dL_dY[i, j]), text(X[i, j])
        if X[i, j] > 0:
            sentence = (f"dL/dX[{i},{j}] = dL/dY[{i},{j}] = {dx}: X[{i},{j}] = {x} is positive, "
                        f"so the gradient passes")
        elif X[i, j] < 0:
            sentence = (f"dL/dX[{i},{j}] = {dx}: X[{i},{j}] = {x} is negative, where ReLU is flat, "
                        f"so dL/dY[{i},{j}] = {dy} stops here")
        else:
            sentence = (f"dL/dX[{i},{j}] = {dx}: X[{i},{j}] = {x}, where ReLU has no derivative; like PyTorch "
                        f"we take 0, so dL/dY[{i},{j}] = {dy} stops here")
        steps.append({
            "sentence": sentence,
            "panels": [panel("X", X, current=[i, j]), panel("dL/dY", dL_dY, current=[i, j]),
                       panel("dL/dX", dL_dX, current=[i, j], filled=done.copy())],
        })
    return walkthrough("Backward pass: the gradient passes where X > 0, and stops elsewhere", steps)


@takes(X=Field("matrix", largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, dL_dY):
    """The walkthroughs of ReLU, for these numbers."""
    return {"walkthroughs": {"forward": forward_walkthrough(X),
                             "backward": backward_walkthrough(X, dL_dY)}}
