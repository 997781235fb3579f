"""The dense layer one step at a time: what the page's walkthroughs show.

Every number comes from dense.py's functions (dense_forward, dense_backward); this file
only lays them out, one step per output Y[n, j] (forward) or per sample (backward), as the
walkthrough data of coursekit.page.steps. It runs at build time and in the page's Python,
when the reader changes the numbers: `widgets` is what the page's widgets call. numpy only.
"""

import numpy as np

import dense as lesson
from coursekit.page.numbers import operand, text
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, InputError, takes

EDIT_LIMIT = 6
"""The most rows and columns of a matrix a reader may type into the editor: the
walkthroughs of the largest still fit a page."""


def row_vector(b):
    """b as the editor gives it, one row (1, out), as the layer takes it: (out,)."""
    b = np.asarray(b, dtype=float)
    if b.ndim == 2 and b.shape[0] != 1:
        raise InputError("b", f"b must be one row, one entry per output, but it has {b.shape[0]} rows")
    return b.reshape(-1)


def vector(v):
    return "[" + ", ".join(text(x) for x in v) + "]"


def forward_walkthrough(X, W, b):
    """One step per output Y[n, j]: row n of X times row j of W, plus b[j]."""
    Y = lesson.dense_forward(X, W, b)
    X, W, b = (np.asarray(v, dtype=float) for v in (X, W, b))
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for n, j in np.ndindex(Y.shape):
        done[n, j] = True
        products = " + ".join(f"{operand(X[n, k])}·{operand(W[j, k])}" for k in range(X.shape[1]))
        steps.append({
            "sentence": f"Y[{n},{j}] = {products} + {operand(b[j])} = {text(Y[n, j])}: "
                        f"sample {n} (row {n} of X) times the weights of output {j} (row {j} of W), plus b[{j}]",
            "panels": [
                panel("X", X, window=[n, 0, 1, X.shape[1]]),
                panel("W", W, window=[j, 0, 1, W.shape[1]]),
                panel("b", b[None], current=[0, j]),
                panel("Y = X Wᵀ + b", Y, current=[n, j], filled=done.copy()),
            ],
        })
    return walkthrough("Forward pass: each output, a row of X times a row of W, plus a bias", steps)


def backward_walkthrough(X, W, dL_dY):
    """One step per sample n: its dL/dx = Wᵀ dL/dy, and what it adds to dL/dW (the outer
    product dL/dy xᵀ) and to dL/db (dL/dy)."""
    dL_dX, dL_dW, dL_db = lesson.dense_backward(dL_dY, X, W)
    X, W, dL_dY = (np.asarray(v, dtype=float) for v in (X, W, dL_dY))
    rows = np.zeros(dL_dX.shape, dtype=bool)
    W_so_far, b_so_far = np.zeros_like(W), np.zeros(W.shape[0])
    steps = []
    for n in range(X.shape[0]):
        rows[n] = True
        W_so_far += np.outer(dL_dY[n], X[n])
        b_so_far += dL_dY[n]
        steps.append({
            "sentence": (f"Sample {n}: dL/dy = {vector(dL_dY[n])}. Its dL/dx = Wᵀ dL/dy = {vector(dL_dX[n])}; "
                         f"it adds the outer product dL/dy xᵀ to dL/dW, now "
                         f"{'; '.join(vector(r) for r in W_so_far)}, and dL/dy to dL/db, now {vector(b_so_far)}"),
            "panels": [
                panel("dL/dY", dL_dY, window=[n, 0, 1, dL_dY.shape[1]]),
                panel("X", X, window=[n, 0, 1, X.shape[1]]),
                panel("dL/dX = dL/dY W", dL_dX, window=[n, 0, 1, X.shape[1]], filled=rows.copy()),
                panel("dL/dW so far", W_so_far.copy()),
                panel("dL/db so far", b_so_far[None].copy()),
            ],
        })
    if not (np.allclose(W_so_far, dL_dW) and np.allclose(b_so_far, dL_db)):
        raise AssertionError("the sample-by-sample sums differ from dense_backward")  # cannot happen; checked anyway
    return walkthrough("Backward pass: sample by sample, the weights' gradients add up", steps)


@takes(X=Field("matrix", largest=EDIT_LIMIT), W=Field("matrix", largest=EDIT_LIMIT),
       b=Field("matrix", largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, W, b, dL_dY):
    """The walkthroughs of the dense layer, for these numbers (b: one row)."""
    b = row_vector(b)
    return {"walkthroughs": {"forward": forward_walkthrough(X, W, b),
                             "backward": backward_walkthrough(X, W, dL_dY)}}
