"""ReLU one entry at a time: what the page's walkthroughs show.

Every number comes from activation.py's functions (relu_forward, relu_backward); this file
only lays them out, one step per entry, as the walkthrough data of coursekit.page.steps. Its
words are the lesson's templates (messages/<language>.json), in the language being written.
It runs at build time and in the page's Python, when the reader changes the numbers:
`widgets` is what the page's widgets call. numpy only.
"""

import numpy as np

import activation as lesson
from coursekit.page.numbers import listing, text
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, InputError, takes
from coursekit.page.words import Words

say = Words(__package__)

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
        key = "step.forward.positive" if X[i, j] > 0 else "step.forward.not-positive"
        steps.append({
            "sentence": say(key, i=i, j=j, values=listing([0, X[i, j]]), value=text(Y[i, j])),
            "panels": [panel("X", X, current=[i, j]),
                       panel("Y = max(0, X)", Y, current=[i, j], filled=done.copy())],
        })
    return walkthrough(say("walkthrough.forward"), steps)


def backward_walkthrough(X, dL_dY):
    """One step per entry: dL/dY[i, j] passes where X[i, j] > 0; elsewhere dL/dX[i, j] = 0."""
    dL_dX = lesson.relu_backward(dL_dY, X)
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    done = np.zeros(X.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(X.shape):
        done[i, j] = True
        key = ("step.backward.positive" if X[i, j] > 0 else
               "step.backward.negative" if X[i, j] < 0 else "step.backward.zero")
        steps.append({
            "sentence": say(key, i=i, j=j, dx=text(dL_dX[i, j]), dy=text(dL_dY[i, j]), x=text(X[i, j])),
            "panels": [panel("X", X, current=[i, j]), panel("dL/dY", dL_dY, current=[i, j]),
                       panel("dL/dX", dL_dX, current=[i, j], filled=done.copy())],
        })
    return walkthrough(say("walkthrough.backward"), steps)


def shape(A):
    """A matrix's shape as the reader's message writes it, in every edition: (2, 4) (whole numbers: no decimal mark)."""
    return "(" + ", ".join(str(n) for n in A.shape) + ")"


@takes(X=Field("matrix", largest=EDIT_LIMIT), dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT))
def widgets(X, dL_dY):
    """The walkthroughs of ReLU, for these numbers."""
    if dL_dY.shape != X.shape:
        # activation.py refuses it too, but in English only: it runs alone, without the lesson's catalogs
        raise InputError("dL_dY", say("error.upstream-shape", expected=shape(X), got=shape(dL_dY)))
    return {"walkthroughs": {"forward": forward_walkthrough(X),
                             "backward": backward_walkthrough(X, dL_dY)}}
