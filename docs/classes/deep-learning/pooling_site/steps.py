"""Max pooling one step at a time: what the page's walkthroughs show.

Every number comes from pooling.py's functions (window_at, max_position, max_pool_forward,
max_pool_backward); this file only lays them out, one step per output (forward) or per
upstream gradient (backward), as the walkthrough data of coursekit.page.steps. It runs at build
time and in the page's Python, when the reader changes the numbers: `widgets` is what the
page's widgets call. numpy only.
"""

import numpy as np

from coursekit.page.numbers import text
import pooling as pool
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, takes

EDIT_LIMIT = 8
"""The most rows and columns of a matrix, and the largest window and stride, a reader may
type into the editor: the walkthroughs of the largest still fit a page."""


def ties(X, i, j, window, stride):
    """How many entries of window (i, j) equal its maximum."""
    patch = pool.window_at(X, i, j, window, stride)
    return int(np.sum(patch == patch.max()))


def forward_walkthrough(X, window, stride):
    """One step per output Y[i, j]: its window of X, its maximum picked out, Y filling in."""
    Y = pool.max_pool_forward(X, window, stride)
    X = np.asarray(X, dtype=float)
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        p, q = pool.max_position(X, i, j, window, stride)
        patch = pool.window_at(X, i, j, window, stride)
        done[i, j] = True
        tie = ties(X, i, j, window, stride)
        where = f"X[{p},{q}]" + (f", the first of {tie} equal maxima in reading order" if tie > 1 else "")
        steps.append({
            "sentence": f"Y[{i},{j}] = max({', '.join(text(v) for v in patch.flat)}) = {text(Y[i, j])}, at {where}",
            "panels": [
                panel("X", X, window=[stride * i, stride * j, window, window], marked=[(p, q)]),
                panel("Y = the maximum of each window", Y, current=[i, j], filled=done.copy()),
            ],
        })
    return walkthrough("Forward pass: the largest entry of each window", steps)


def backward_walkthrough(X, window, stride, dL_dY):
    """One step per upstream gradient dL/dY[i, j]: all of it goes to the position of its
    window's maximum, and adds to what that position has received so far."""
    dL_dX = pool.max_pool_backward(dL_dY, X, window, stride)
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    so_far, received = np.zeros_like(X), np.zeros(X.shape, dtype=int)
    steps = []
    for i, j in np.ndindex(dL_dY.shape):
        p, q = pool.max_position(X, i, j, window, stride)
        so_far[p, q] += dL_dY[i, j]
        received[p, q] += 1
        tie = ties(X, i, j, window, stride)
        why = f"the first of its {tie} equal maxima" if tie > 1 else "its window's maximum"
        now = (f"; dL/dX[{p},{q}] is now {text(so_far[p, q])}, the sum of the {received[p, q]} gradients it received"
               if received[p, q] > 1 else "")
        steps.append({
            "sentence": (f"dL/dY[{i},{j}] = {text(dL_dY[i, j])} goes to X[{p},{q}] = {text(X[p, q])}, {why}; "
                         f"the rest of the window gets nothing{now}"),
            "panels": [
                panel("dL/dY", dL_dY, current=[i, j]),
                panel("X", X, window=[stride * i, stride * j, window, window], marked=[(p, q)]),
                panel("dL/dX so far", so_far.copy(), window=[stride * i, stride * j, window, window],
                      current=[p, q]),
            ],
        })
    if not np.allclose(so_far, dL_dX):
        raise AssertionError("the step-by-step sums differ from max_pool_backward")  # cannot happen; checked anyway
    return walkthrough("Backward pass: each upstream gradient to its window's maximum", steps)


@takes(X=Field("matrix", largest=EDIT_LIMIT), window=Field("count", smallest=1, largest=EDIT_LIMIT),
       stride=Field("count", smallest=1, largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, window, stride, dL_dY):
    """The walkthroughs of max pooling, for these numbers."""
    return {"walkthroughs": {"forward": forward_walkthrough(X, window, stride),
                             "backward": backward_walkthrough(X, window, stride, dL_dY)}}
