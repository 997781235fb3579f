"""Max pooling one step at a time: what the page's walkthroughs show.

Every number comes from pooling.py's functions (window_at, max_position, max_pool_forward,
max_pool_backward); this file only lays them out, one step per output (forward) or per
upstream gradient (backward), as the walkthrough data of coursekit.page.steps. It runs at build
time and in the page's Python, when the reader changes the numbers: `widgets` is what the
page's widgets call. Its words are the catalogs' (messages/<language>.json). numpy only.
"""

import numpy as np

from coursekit.page.numbers import listing, text
import pooling as pool
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, InputError, takes
from coursekit.page.words import Words

say = Words(__package__)

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
        sentence = say("step.forward.tie" if tie > 1 else "step.forward.maximum", i=i, j=j,
                       values=listing(patch.flat), value=text(Y[i, j]), p=p, q=q, ties=tie)
        steps.append({
            "sentence": sentence,
            "panels": [
                panel("X", X, window=[stride * i, stride * j, window, window], marked=[(p, q)]),
                panel(say("panel.maxima"), Y, current=[i, j], filled=done.copy()),
            ],
        })
    return walkthrough(say("walkthrough.forward"), steps)


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
        sentence = say(backward_sentence(tie > 1, received[p, q] > 1), i=i, j=j, gradient=text(dL_dY[i, j]),
                       p=p, q=q, value=text(X[p, q]), ties=tie, total=text(so_far[p, q]), count=received[p, q])
        steps.append({
            "sentence": sentence,
            "panels": [
                panel("dL/dY", dL_dY, current=[i, j]),
                panel("X", X, window=[stride * i, stride * j, window, window], marked=[(p, q)]),
                panel(say("panel.gradient-so-far"), so_far.copy(), window=[stride * i, stride * j, window, window],
                      current=[p, q]),
            ],
        })
    if not np.allclose(so_far, dL_dX):
        raise AssertionError("the step-by-step sums differ from max_pool_backward")  # cannot happen; checked anyway
    return walkthrough(say("walkthrough.backward"), steps)


def backward_sentence(tied, added):
    """The key of a backward step's sentence: whether its window's maximum is tied (the
    first one gets it all), and whether that entry has received from an earlier window too
    (what it holds now is a sum). Whole sentences, each translated as a whole."""
    if tied:
        return "step.backward.tie-added" if added else "step.backward.tie"
    return "step.backward.maximum-added" if added else "step.backward.maximum"


def check_numbers(X, window, stride, dL_dY):
    """pooling.py's own checks of the reader's numbers, worded in the page's language (the
    course's file writes its messages in English): the window fits inside X, and dL/dY has
    the shape of Y. An InputError names the field the editor shows it next to."""
    if window > min(X.shape):
        raise InputError("window", say("error.window-too-large", window=window, shape=X.shape))
    expected = pool.output_shape(X.shape, window, stride)
    if dL_dY.shape != expected:
        raise InputError("dL_dY", say("error.upstream-shape", expected=expected, shape=dL_dY.shape))


@takes(X=Field("matrix", largest=EDIT_LIMIT), window=Field("count", smallest=1, largest=EDIT_LIMIT),
       stride=Field("count", smallest=1, largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, window, stride, dL_dY):
    """The walkthroughs of max pooling, for these numbers."""
    check_numbers(X, window, stride, dL_dY)
    return {"walkthroughs": {"forward": forward_walkthrough(X, window, stride),
                             "backward": backward_walkthrough(X, window, stride, dL_dY)}}
