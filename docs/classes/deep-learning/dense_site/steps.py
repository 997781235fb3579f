"""The dense layer one step at a time: what the page's walkthroughs show.

Every number comes from dense.py's functions (dense_forward, dense_backward); this file
only lays them out, one step per output Y[n, j] (forward) or per sample (backward), as the
walkthrough data of coursekit.page.steps, in the words of the lesson's catalogs
(messages/<language>.json). It runs at build time and in the page's Python, when the reader
changes the numbers: `widgets` is what the page's widgets call. numpy only.
"""

import numpy as np

import dense as lesson
from coursekit.page.numbers import listing, operand, text
from coursekit.page.steps import panel, sum_of_products, walkthrough
from coursekit.page.values import Field, InputError, takes
from coursekit.page.words import Words

say = Words(__package__)

EDIT_LIMIT = 6
"""The most rows and columns of a matrix a reader may type into the editor: the
walkthroughs of the largest still fit a page."""

REFUSALS = {"X": "error.x-shape", "W": "error.w-shape", "b": "error.b-shape", "dL_dY": "error.dl-dy-shape"}
"""The words of dense.py's shape checks, by the argument they refuse: dense.py runs alone
(numpy only) and says them in English; the editor says them in the page's language."""


def row_vector(b):
    """b as the editor gives it, one row (1, out), as the layer takes it: (out,)."""
    b = np.asarray(b, dtype=float)
    if b.ndim == 2 and b.shape[0] != 1:
        raise InputError("b", say("error.b-one-row", rows=b.shape[0]))
    return b.reshape(-1)


def vector(v):
    """[1, −0.5] (pt-BR: [1; −0,5])."""
    return "[" + listing(v) + "]"


def by_rows(A):
    """A matrix as its rows, one vector each: [1, 2]; [3, 4]."""
    return "; ".join(vector(row) for row in A)


def forward_walkthrough(X, W, b):
    """One step per output Y[n, j]: row n of X times row j of W, plus b[j]."""
    Y = lesson.dense_forward(X, W, b)
    X, W, b = (np.asarray(v, dtype=float) for v in (X, W, b))
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for n, j in np.ndindex(Y.shape):
        done[n, j] = True
        steps.append({
            "sentence": say("step.forward.output", n=n, j=j, products=sum_of_products(X[n], W[j]),
                            bias=operand(b[j]), value=text(Y[n, j])),
            "panels": [
                panel("X", X, window=[n, 0, 1, X.shape[1]]),
                panel("W", W, window=[j, 0, 1, W.shape[1]]),
                panel("b", b[None], current=[0, j]),
                panel("Y = X Wᵀ + b", Y, current=[n, j], filled=done.copy()),
            ],
        })
    return walkthrough(say("walkthrough.forward"), steps)


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
            "sentence": say("step.backward.sample", n=n, dL_dy=vector(dL_dY[n]), dL_dx=vector(dL_dX[n]),
                            dL_dW=by_rows(W_so_far), dL_db=vector(b_so_far)),
            "panels": [
                panel("dL/dY", dL_dY, window=[n, 0, 1, dL_dY.shape[1]]),
                panel("X", X, window=[n, 0, 1, X.shape[1]]),
                panel("dL/dX = dL/dY W", dL_dX, window=[n, 0, 1, X.shape[1]], filled=rows.copy()),
                panel(say("panel.so-far", gradient="dL/dW"), W_so_far.copy()),
                panel(say("panel.so-far", gradient="dL/db"), b_so_far[None].copy()),
            ],
        })
    if not (np.allclose(W_so_far, dL_dW) and np.allclose(b_so_far, dL_db)):
        raise AssertionError("the sample-by-sample sums differ from dense_backward")  # cannot happen; checked anyway
    return walkthrough(say("walkthrough.backward"), steps)


@takes(X=Field("matrix", largest=EDIT_LIMIT), W=Field("matrix", largest=EDIT_LIMIT),
       b=Field("matrix", largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, W, b, dL_dY):
    """The walkthroughs of the dense layer, for these numbers (b: one row)."""
    b = row_vector(b)
    try:
        return {"walkthroughs": {"forward": forward_walkthrough(X, W, b),
                                 "backward": backward_walkthrough(X, W, dL_dY)}}
    except lesson.InputError as error:
        if error.argument not in REFUSALS:
            raise
        raise InputError(error.argument, refusal(error.argument, X, W, b, dL_dY)) from None


def refusal(argument, X, W, b, dL_dY):
    """What dense.py's check on `argument` says, in the language being written (the editor
    hands over matrices: X and W have two dimensions, b one, after row_vector)."""
    shapes = {"X": X.shape, "W": W.shape, "b": b.shape, "dL_dY": dL_dY.shape}
    return say(REFUSALS[argument], shape=shapes[argument], features=X.shape[1], outputs=W.shape[0],
               expected=(X.shape[0], W.shape[0]))
